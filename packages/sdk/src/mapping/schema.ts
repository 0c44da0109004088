import catalogEntrySchema from '@unsilo/spec/schemas/catalog-entry.schema.json';
import fieldMappingSchema from '@unsilo/spec/schemas/field-mapping.schema.json';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { diagnostic } from './diagnostics';
import type { Locate } from './positions';
import type { MappingDiagnostic } from './types';

let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!validate) {
    // `format` is an annotation here (dates are checked by the rules themselves).
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    ajv.addSchema(catalogEntrySchema as object, 'catalog-entry.schema.json');
    validate = ajv.compile(fieldMappingSchema as object);
  }
  return validate;
}

const PREFERENCE = [
  'false schema',
  'additionalProperties',
  'required',
  'enum',
  'const',
  'type',
  'propertyNames',
  'pattern',
];

function pathOf(error: ErrorObject): Array<string | number> {
  const path: Array<string | number> = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  if (error.keyword === 'propertyNames' && error.params.propertyName !== undefined)
    path.push(String(error.params.propertyName));
  return path;
}

function describe(error: ErrorObject, path: Array<string | number>): { en: string; zh: string } {
  const where = path.length ? path.join('.') : 'the mapping';
  const whereZh = path.length ? path.join('.') : '映射文件';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        en: `${where}: "${p.missingProperty}" is required`,
        zh: `${whereZh}：缺少必填项「${p.missingProperty}」`,
      };
    case 'additionalProperties':
      return { en: `${where}: unknown key`, zh: `${whereZh}：不允许的键` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).join(', ');
      return { en: `${where} must be one of: ${allowed}`, zh: `${whereZh} 应为以下之一：${allowed}` };
    }
    case 'const':
      return {
        en: `${where} must be ${String(p.allowedValue)}`,
        zh: `${whereZh} 应为 ${String(p.allowedValue)}`,
      };
    case 'type':
      return {
        en: `${where} must be of type ${String(p.type)}`,
        zh: `${whereZh} 的类型应为 ${String(p.type)}`,
      };
    case 'false schema':
      return {
        en: `${where} is not allowed here (from and value exclude each other)`,
        zh: `${whereZh} 不允许出现在此处（from 与 value 不能同时使用）`,
      };
    case 'propertyNames':
      return { en: `${where}: key is not a valid identifier`, zh: `${whereZh}：键名不是合法标识符` };
    case 'pattern':
      return {
        en: `${where} must match ${String(p.pattern)}`,
        zh: `${whereZh} 应符合格式 ${String(p.pattern)}`,
      };
    case 'minItems':
    case 'minProperties':
    case 'minLength':
      return { en: `${where} must not be empty`, zh: `${whereZh} 不能为空` };
    case 'anyOf':
      return {
        en: `${where}: a field needs from, value or default`,
        zh: `${whereZh}：字段需要 from、value 或 default`,
      };
    default:
      return {
        en: `${where} ${error.message ?? 'is invalid'}`,
        zh: `${whereZh} 不符合映射文件格式（${error.keyword}）`,
      };
  }
}

/**
 * Validates a mapping document against `field-mapping.schema.json` (JSON Schema 2020-12). Of the many errors
 * that `oneOf` alternatives produce, the deepest per location is kept, so each problem is reported once, where
 * it is.
 */
export function validateMappingSchema(value: unknown, locate?: Locate): MappingDiagnostic[] {
  const check = validator();
  if (check(value)) return [];
  const errors = (check.errors ?? []).filter(
    (e) => !['oneOf', 'if', 'propertyNames'].includes(e.keyword) || e.keyword === 'propertyNames',
  );
  const located = errors.map((e) => ({ error: e, path: pathOf(e), at: e.instancePath }));
  const deepest = located.filter(
    (a) =>
      !located.some(
        (b) => b.at !== a.at && b.at.startsWith(`${a.at}/`) && a.error.keyword !== 'additionalProperties',
      ),
  );
  const chosen = new Map<string, (typeof located)[number]>();
  for (const item of deepest) {
    const key = item.path.join('\u0000');
    const current = chosen.get(key);
    const rank = (k: string) => {
      const i = PREFERENCE.indexOf(k);
      return i < 0 ? PREFERENCE.length : i;
    };
    if (!current || rank(item.error.keyword) < rank(current.error.keyword)) chosen.set(key, item);
  }
  // A failed `anyOf` of a field (no from/value/default) is only worth reporting when nothing more precise is.
  const out: MappingDiagnostic[] = [];
  const excluded = new Set<string>();
  for (const { error, path } of chosen.values()) {
    if (
      error.keyword === 'anyOf' &&
      [...chosen.values()].some((o) => o.error !== error && o.error.instancePath === error.instancePath)
    )
      continue;
    if (error.keyword === 'false schema') {
      // `from` and `value` together fail both alternatives; say it once.
      const parent = path.slice(0, -1).join('\u0000');
      if (excluded.has(parent)) continue;
      excluded.add(parent);
    }
    const { en, zh } = describe(error, path);
    const d = diagnostic('mapping/schema', 'error', path, en, zh);
    const onKey = ['additionalProperties', 'propertyNames', 'false schema', 'required'].includes(
      error.keyword,
    );
    const range = locate?.(path, onKey ? 'key' : 'value');
    out.push(range ? { ...d, range } : d);
  }
  return out;
}
