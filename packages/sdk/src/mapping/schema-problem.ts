/** A path into a mapping document: keys of maps, indices of lists. */
export type DocumentPath = Array<string | number>;

/**
 * One way a mapping document breaks `field-mapping.schema.json`, at the place it breaks it. `path` of a key
 * problem (`unknown-key`, `bad-key`, `exclusive`) ends with that key; `required` is reported on the map that
 * lacks `key`.
 */
export type SchemaProblem =
  | { kind: 'required'; path: DocumentPath; key: string }
  | { kind: 'unknown-key'; path: DocumentPath }
  | { kind: 'bad-key'; path: DocumentPath }
  | { kind: 'exclusive'; path: DocumentPath }
  | { kind: 'needs-source'; path: DocumentPath }
  | { kind: 'enum'; path: DocumentPath; values: unknown[] }
  | { kind: 'const'; path: DocumentPath; value: unknown }
  | { kind: 'type'; path: DocumentPath; types: string[] }
  | { kind: 'pattern'; path: DocumentPath; pattern: string }
  | { kind: 'empty'; path: DocumentPath }
  | { kind: 'duplicate'; path: DocumentPath; first: number; second: number }
  /** A size or range bound other than "not empty": `keyword` is the JSON Schema keyword, `en` says the bound. */
  | { kind: 'bound'; path: DocumentPath; keyword: string; en: string }
  | { kind: 'other'; path: DocumentPath; keyword: string; en: string };

/** Problems shown on the key of a map entry rather than on its value. */
export function isKeyProblem(problem: SchemaProblem): boolean {
  return ['required', 'unknown-key', 'bad-key', 'exclusive'].includes(problem.kind);
}

/** Identifies a problem, so that one found twice (by the schema and by a constraint) is reported once. */
export function problemIdentity(problem: SchemaProblem): string {
  const extra = problem.kind === 'required' ? problem.key : '';
  return [problem.kind, extra, ...problem.path].join('\u0000');
}

/** The message of a problem in English and Chinese. */
export function describeProblem(problem: SchemaProblem): { en: string; zh: string } {
  const { path } = problem;
  const where = path.length ? path.join('.') : 'the mapping';
  const whereZh = path.length ? path.join('.') : '映射文件';
  switch (problem.kind) {
    case 'required':
      return {
        en: `${where}: "${problem.key}" is required`,
        zh: `${whereZh}：缺少必填项「${problem.key}」`,
      };
    case 'unknown-key':
      return { en: `${where}: unknown key`, zh: `${whereZh}：不允许的键` };
    case 'bad-key':
      return { en: `${where}: key is not a valid identifier`, zh: `${whereZh}：键名不是合法标识符` };
    case 'exclusive':
      return {
        en: `${where} is not allowed here (from and value exclude each other)`,
        zh: `${whereZh} 不允许出现在此处（from 与 value 不能同时使用）`,
      };
    case 'needs-source':
      return {
        en: `${where}: a field needs from, value or default`,
        zh: `${whereZh}：字段需要 from、value 或 default`,
      };
    case 'enum': {
      const allowed = problem.values.join(', ');
      return { en: `${where} must be one of: ${allowed}`, zh: `${whereZh} 应为以下之一：${allowed}` };
    }
    case 'const':
      return {
        en: `${where} must be ${String(problem.value)}`,
        zh: `${whereZh} 应为 ${String(problem.value)}`,
      };
    case 'type': {
      const types = problem.types.join(',');
      return { en: `${where} must be of type ${types}`, zh: `${whereZh} 的类型应为 ${types}` };
    }
    case 'pattern':
      return {
        en: `${where} must match ${problem.pattern}`,
        zh: `${whereZh} 应符合格式 ${problem.pattern}`,
      };
    case 'empty':
      return { en: `${where} must not be empty`, zh: `${whereZh} 不能为空` };
    case 'duplicate':
      return {
        en: `${where} must NOT have duplicate items (items ## ${problem.second} and ${problem.first} are identical)`,
        zh: `${whereZh} 不符合映射文件格式（uniqueItems）`,
      };
    case 'bound':
    case 'other':
      return { en: `${where} ${problem.en}`, zh: `${whereZh} 不符合映射文件格式（${problem.keyword}）` };
  }
}
