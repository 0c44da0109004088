import { hasIdcardCheckChar, idcardFacts } from '../identifiers/idcard';
import { type CodesetRegistry, standardCodesets } from './codesets';
import { diagnostic, diagnosticFromError, hasErrors } from './diagnostics';
import { checkMappingAgainstEntry, requiredKeys } from './entry-checks';
import { checksOf, columnsOf, transformName, transformsOf } from './field-spec';
import { compileItemCheck, type ItemCheck } from './item-checks';
import { recordLineEncoder } from './json-bytes';
import {
  compileDateReader,
  compileNumberReader,
  dateFormatProblem,
  halfwidth,
  idcard18,
  toLower,
  toUpper,
} from './transforms';
import type {
  FieldMapping,
  FieldSpec,
  MappingDiagnostic,
  RecordValue,
  RowIssue,
  RowOutcome,
  TargetEntry,
  TargetItem,
  TargetRecord,
  TransformSpec,
} from './types';
import { compileCheck, type IssueSink, type ValueCheck } from './validators';

export interface CompileOptions {
  /** Code sets for `codes: { codeset }` and item code sets (default: those of `@unsilo/spec`). */
  codesets?: CodesetRegistry;
  /** "Today" for birth dates in the future (default: now). */
  today?: Date;
  /**
   * false: run rows through the plain field loop instead of a row function generated for this mapping (the
   * loop is what runs where code generation is not allowed, e.g. under a strict Content-Security-Policy).
   */
  generate?: boolean;
}

/** A mapping compiled once; `mapRow` runs per row without re-reading the mapping. */
export interface CompiledMapping {
  readonly mapping: FieldMapping;
  /** Target item keys in output order. */
  readonly fields: readonly string[];
  /** Source columns the mapping reads. */
  readonly sourceColumns: readonly string[];
  /** Maps one source row; `row` is its 1-based data row. Synchronous and not re-entrant. */
  mapRow(values: Readonly<Record<string, string | undefined>>, row: number): RowOutcome;
  /** `JSON.stringify(record)` for this mapping's records (their keys in `fields` order, undefined members left out). */
  stringify(record: TargetRecord): string;
  /**
   * Writes the UTF-8 bytes of `stringify(record)` and a line break into `target` at `offset`; returns the offset
   * after them, or -1 when `target` lacks room. The fast way to write NDJSON: no string is built.
   */
  encodeLine(record: TargetRecord, target: Uint8Array, offset: number): number;
  /** Diagnostics for source columns the mapping reads but the input's header lacks. */
  checkColumns(header: readonly string[]): MappingDiagnostic[];
}

export interface CompileResult {
  /** Absent when any diagnostic is an error. */
  compiled?: CompiledMapping;
  diagnostics: MappingDiagnostic[];
}

type Step = (value: string, sink: IssueSink) => string | undefined;
type Reader = (values: Readonly<Record<string, string | undefined>>) => string;

interface FieldProgram {
  key: string;
  read: Reader;
  /** The one source column `read` reads, when that is all it does. */
  column: string | undefined;
  steps: Step[];
  /** Target-space value used when the source is empty. */
  fallback: string | undefined;
  required: boolean;
  requiredIssue: (value: string) => RowIssue;
  checks: ValueCheck[];
  item: ItemCheck | undefined;
}

/** Collects a row's issues; arrays are only allocated for rows that have any. */
class RowSink implements IssueSink {
  errors: RowIssue[] | undefined;
  warnings: RowIssue[] | undefined;
  error(issue: RowIssue): void {
    if (this.errors) this.errors.push(issue);
    else this.errors = [issue];
  }
  warning(issue: RowIssue): void {
    if (!this.warnings) this.warnings = [issue];
    else {
      // A field's `region` check and its item's GB/T 2260 code set see the same value: say it once.
      const last = this.warnings[this.warnings.length - 1]!;
      if (last.field !== issue.field || last.rule !== issue.rule || last.value !== issue.value)
        this.warnings.push(issue);
    }
  }
}

/**
 * Compiles a mapping (already parsed and schema-valid) against its target entry into a row function.
 * Each field becomes one reader and a short array of specialised steps, built here once.
 */
export function compileMapping(
  mapping: FieldMapping,
  entry?: TargetEntry,
  options: CompileOptions = {},
): CompileResult {
  const codesets = options.codesets ?? standardCodesets;
  const diagnostics: MappingDiagnostic[] = entry ? checkMappingAgainstEntry(mapping, entry, codesets) : [];
  const items = new Map<string, TargetItem>((entry?.items ?? []).map((i) => [i.key, i]));
  const needed = entry ? requiredKeys(mapping, entry) : { key: mapping.key ?? [], required: [] as string[] };
  const mustFill = new Set([...needed.key, ...needed.required]);

  const programs: FieldProgram[] = [];
  const columns = new Set<string>();
  // Output in catalogue item order, then any fields the entry does not know (already reported).
  const order = [
    ...[...items.keys()].filter((k) => k in mapping.fields),
    ...Object.keys(mapping.fields).filter((k) => !items.has(k)),
  ];
  for (const key of order) {
    const spec = mapping.fields[key]!;
    for (const c of columnsOf(spec)) columns.add(c);
    const program = compileField(
      key,
      spec,
      items.get(key),
      mustFill.has(key),
      codesets,
      options,
      diagnostics,
    );
    if (program) programs.push(program);
  }
  const crossChecks = compileCrossChecks(mapping, diagnostics);

  if (hasErrors(diagnostics)) return { diagnostics };

  const sink = new RowSink();
  const scratch: Array<RecordValue | undefined> = new Array(programs.length);
  const makeRecord = recordFactory(programs.map((p) => p.key));
  const fields = programs.map((p) => p.key);
  const sourceColumns = [...columns];
  const compiled: CompiledMapping = {
    mapping,
    fields,
    sourceColumns,
    mapRow:
      (options.generate === false ? undefined : generatedMapRow(programs, crossChecks, sink)) ??
      ((values, row) => {
        sink.errors = undefined;
        sink.warnings = undefined;
        for (let f = 0; f < programs.length; f++) scratch[f] = runField(programs[f]!, values, sink);
        const record = makeRecord(scratch);
        for (let c = 0; c < crossChecks.length; c++) crossChecks[c]!(record, sink);
        return outcomeOf(row, record, sink);
      }),
    stringify: recordStringify(fields),
    encodeLine: recordLineEncoder(fields),
    checkColumns(header) {
      const present = new Set(header);
      const out: MappingDiagnostic[] = [];
      for (const [key, spec] of Object.entries(mapping.fields)) {
        columnsOf(spec).forEach((column, index) => {
          if (present.has(column)) return;
          out.push(
            diagnostic(
              'mapping/unknown-column',
              'error',
              Array.isArray(spec.from) ? ['fields', key, 'from', index] : ['fields', key, 'from'],
              `the input has no column "${column}" (columns: ${header.join(', ')})`,
              `输入中没有列「${column}」（现有列：${header.join('、')}）`,
            ),
          );
        });
      }
      return out;
    },
  };
  return { compiled, diagnostics };
}

function outcomeOf(row: number, record: TargetRecord, sink: RowSink): RowOutcome {
  const outcome: RowOutcome = sink.errors ? { row, errors: sink.errors, partial: record } : { row, record };
  if (sink.warnings) outcome.warnings = sink.warnings;
  return outcome;
}

/**
 * The row function written out for this mapping: `runField` unrolled per field, each step and check called
 * from its own call site (so V8 can inline it), source columns read by name and the record built by a
 * constructor of its fixed shape. Same results as the loop; names are embedded as JSON string literals.
 * `undefined` where code generation is not allowed.
 */
function generatedMapRow(
  programs: readonly FieldProgram[],
  crossChecks: readonly CrossCheck[],
  sink: RowSink,
): CompiledMapping['mapRow'] | undefined {
  const keys = programs.map((p) => p.key);
  if (keys.includes('__proto__') || keys.length > 500) return undefined;
  const lit = JSON.stringify;
  // Each step, check and item check is bound to a constant of its own, so each call site sees one function.
  const constants: string[] = [];
  const bind = (name: string, expression: string) => {
    constants.push(`const ${name} = ${expression};`);
    return name;
  };
  const fieldFunctions = programs.map((p, f) => {
    const read =
      p.column !== undefined
        ? `values[${lit(p.column)}] ?? ''`
        : `${bind(`read${f}`, `P[${f}].read`)}(values)`;
    let steps = '';
    for (let s = p.steps.length - 1; s >= 0; s--) {
      const step = bind(`step${f}_${s}`, `P[${f}].steps[${s}]`);
      const inner = steps ? ` if (v !== '') {${steps} }` : '';
      steps = ` v = ${step}(v, sink); if (v === undefined) return undefined;${inner}`;
    }
    const empty =
      p.fallback === undefined
        ? `${p.required ? `sink.error(P[${f}].requiredIssue(''));` : ''} return undefined;`
        : `v = ${lit(p.fallback)};`;
    const checks = p.checks
      .map((_, c) => `if (!${bind(`check${f}_${c}`, `P[${f}].checks[${c}]`)}(v, sink)) return undefined;`)
      .join(' ');
    const result = p.item ? `${bind(`item${f}`, `P[${f}].item`)}(v, sink)` : 'v';
    return `function field${f}(values) {
    let v = ${read};${steps ? ` if (v !== '') {${steps} }` : ''}
    if (v === '') { ${empty} }
    ${checks}
    return ${result};
  }`;
  });
  const cross = crossChecks.map((_, c) => `${bind(`cross${c}`, `X[${c}]`)}(record, sink);`);
  const body = `
  ${constants.join('\n  ')}
  function Record(${keys.map((_, i) => `v${i}`).join(', ')}) {
    ${keys.map((k, i) => `this[${lit(k)}] = v${i};`).join(' ')}
  }
  Record.prototype = Object.prototype;
  ${fieldFunctions.join('\n  ')}
  return function mapRow(values, row) {
    sink.errors = undefined;
    sink.warnings = undefined;
    const record = new Record(${programs.map((_, f) => `field${f}(values)`).join(', ')});
    ${cross.join(' ')}
    return outcomeOf(row, record, sink);
  };`;
  try {
    return new Function('P', 'X', 'sink', 'outcomeOf', body)(programs, crossChecks, sink, outcomeOf);
  } catch {
    return undefined;
  }
}

/**
 * Builds records of one fixed shape. Where code generation is allowed (Node, the language server), a generated
 * constructor stores each key by name, which V8 turns into fast monomorphic stores; elsewhere (a webview with a
 * strict CSP) a plain loop does the same job. Keys are embedded as JSON string literals.
 */
function recordFactory(
  keys: readonly string[],
): (values: ReadonlyArray<RecordValue | undefined>) => TargetRecord {
  const loop = (values: ReadonlyArray<RecordValue | undefined>): TargetRecord => {
    const record: TargetRecord = {};
    for (let i = 0; i < keys.length; i++) record[keys[i]!] = values[i];
    return record;
  };
  if (keys.includes('__proto__') || keys.length > 500) return loop;
  try {
    const body = keys.map((k, i) => `this[${JSON.stringify(k)}] = v[${i}];`).join('\n');
    const RecordShape = new Function('v', body) as unknown as new (
      v: ReadonlyArray<RecordValue | undefined>,
    ) => TargetRecord;
    RecordShape.prototype = Object.prototype;
    return (values) => new RecordShape(values);
  } catch {
    return loop;
  }
}

// Strings without quotes, backslashes, control characters or surrogates serialize as themselves in quotes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function jsonValue(value: RecordValue): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return value ? 'true' : 'false';
}

/**
 * Records are built with their keys in field order, so V8's own `JSON.stringify` (its fast path for plain
 * objects writes one flat string, cheap to encode) gives the output. Keys that are array indices or
 * `__proto__` would change the order or the prototype: those mappings write field by field instead.
 */
function recordStringify(fields: readonly string[]): (record: TargetRecord) => string {
  const plain = fields.every((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== '__proto__');
  return plain ? (record) => JSON.stringify(record) : fieldByFieldStringify(fields);
}

function fieldByFieldStringify(fields: readonly string[]): (record: TargetRecord) => string {
  const keys = [...fields];
  const quoted = keys.map((k) => `${JSON.stringify(k)}:`);
  return (record) => {
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      const value = record[keys[i]!];
      if (value === undefined) continue;
      out += (out === '' ? '{' : ',') + quoted[i] + jsonValue(value);
    }
    return out === '' ? '{}' : `${out}}`;
  };
}

function runField(
  p: FieldProgram,
  values: Readonly<Record<string, string | undefined>>,
  sink: RowSink,
): RecordValue | undefined {
  let v: string | undefined = p.read(values);
  if (v !== '') {
    for (let s = 0; s < p.steps.length; s++) {
      v = p.steps[s]!(v, sink);
      if (v === undefined) return undefined;
      if (v === '') break;
    }
  }
  if (v === '') {
    if (p.fallback === undefined) {
      if (p.required) sink.error(p.requiredIssue(''));
      return undefined;
    }
    v = p.fallback;
  }
  for (let c = 0; c < p.checks.length; c++) if (!p.checks[c]!(v, sink)) return undefined;
  return p.item ? p.item(v, sink) : v;
}

function compileField(
  key: string,
  spec: FieldSpec,
  item: TargetItem | undefined,
  required: boolean,
  codesets: CodesetRegistry,
  options: CompileOptions,
  diagnostics: MappingDiagnostic[],
): FieldProgram | undefined {
  const at = (...path: Array<string | number>) => ['fields', key, ...path];
  const read = compileReader(spec);
  if (!read) {
    diagnostics.push(
      diagnostic(
        'mapping/no-source',
        'error',
        at(),
        `field "${key}" has no from, value or default`,
        `字段「${key}」没有 from、value 或 default`,
      ),
    );
    return undefined;
  }
  const steps: Step[] = [];
  transformsOf(spec).forEach((t, index) => {
    try {
      steps.push(compileTransform(key, t));
    } catch (error) {
      diagnostics.push(diagnosticFromError(error, at('transform', index)));
    }
  });
  // Codes after transforms; a constant `value` is already in target space.
  if (spec.codes !== undefined && spec.value === undefined) {
    try {
      steps.push(compileCodes(key, spec.codes, codesets));
    } catch (error) {
      diagnostics.push(diagnosticFromError(error, at('codes')));
    }
  }
  const checks: ValueCheck[] = [];
  checksOf(spec).forEach((c, index) => {
    try {
      checks.push(compileCheck(key, c, { today: options.today }));
    } catch (error) {
      diagnostics.push(diagnosticFromError(error, at('check', index)));
    }
  });
  const itemCheck = item
    ? compileItemCheck(item, codesets, options.today, checksOf(spec).includes('region'))
    : undefined;
  const fallback = spec.default === undefined ? undefined : String(spec.default);
  for (const [constant, path] of [
    [spec.value, 'value'],
    [spec.default, 'default'],
  ] as const) {
    if (constant === undefined || !itemCheck) continue;
    const probe = new RowSink();
    if (itemCheck(String(constant), probe) === undefined) {
      const issue = probe.errors![0]!;
      diagnostics.push(
        diagnostic(
          'mapping/constant-invalid',
          'error',
          at(path),
          `${path} "${constant}" does not fit: ${issue.message}`,
          `${path}「${constant}」不符合信息项要求：${issue.zh}`,
        ),
      );
    }
  }
  const name = item?.name ?? key;
  return {
    key,
    read,
    column: spec.value === undefined && typeof spec.from === 'string' ? spec.from : undefined,
    steps,
    fallback,
    required,
    requiredIssue: (value) => ({
      field: key,
      rule: 'required',
      value,
      message: `required item "${key}" is empty`,
      zh: `必填信息项「${name}」为空`,
    }),
    checks,
    item: itemCheck,
  };
}

function compileReader(spec: FieldSpec): Reader | undefined {
  if (spec.value !== undefined) {
    const constant = String(spec.value);
    return () => constant;
  }
  const from = spec.from;
  if (typeof from === 'string') return (values) => values[from] ?? '';
  if (Array.isArray(from) && from.length > 0) {
    const separator = spec.separator ?? '';
    if (from.length === 2) {
      const [a, b] = from as [string, string];
      return (values) => {
        const x = values[a] ?? '';
        const y = values[b] ?? '';
        return x === '' ? y : y === '' ? x : x + separator + y;
      };
    }
    return (values) => {
      let out = '';
      for (const column of from) {
        const part = values[column] ?? '';
        if (part === '') continue;
        out = out === '' ? part : out + separator + part;
      }
      return out;
    };
  }
  if (spec.default !== undefined) return () => '';
  return undefined;
}

export const KNOWN_TRANSFORMS = [
  'trim',
  'upper',
  'lower',
  'halfwidth',
  'idcard18',
  'number',
  'date',
  'default',
  'replace',
];

function compileTransform(field: string, spec: TransformSpec): Step {
  const name = transformName(spec);
  switch (name) {
    case 'trim':
      return (v) => v.trim();
    case 'upper':
      return toUpper;
    case 'lower':
      return toLower;
    case 'halfwidth':
      return (v) => halfwidth(v);
    case 'idcard18':
      return (v, sink) => {
        const out = idcard18(v);
        if (out !== undefined) return out;
        sink.error({
          field,
          rule: 'idcard18',
          value: v,
          message: 'a 15-character ID number must be all digits to be upgraded',
          zh: '15 位公民身份号码应全部为数字，无法升位',
        });
        return undefined;
      };
    case 'number': {
      const param =
        typeof spec === 'object' ? (spec as { number?: { decimalSeparator?: string } }).number : undefined;
      const read = compileNumberReader(param?.decimalSeparator);
      return (v, sink) => {
        const out = read(v);
        if (out !== undefined) return out;
        sink.error({ field, rule: 'number', value: v, message: 'not a number', zh: '不是有效的数值' });
        return undefined;
      };
    }
    case 'date': {
      const raw = (spec as { date: string | string[] }).date;
      const formats = Array.isArray(raw) ? raw : [raw];
      const bad = formats.map(String).find((f) => dateFormatProblem(f) !== undefined);
      if (bad !== undefined || formats.length === 0) {
        throw new Error(
          `mapping/bad-transform|date format "${bad ?? ''}" needs YYYY, M or MM, D or DD (or is "excel")|日期格式「${bad ?? ''}」需要包含 YYYY、M/MM 与 D/DD（或为 excel）`,
        );
      }
      const read = compileDateReader(formats.map(String));
      const expected = formats.join(' | ');
      return (v, sink) => {
        const out = read(v);
        if (out !== undefined) return out;
        sink.error({
          field,
          rule: 'date',
          value: v,
          message: `not a real date in the formats ${expected}`,
          zh: `不是格式为 ${expected} 的有效日期`,
        });
        return undefined;
      };
    }
    case 'default': {
      const value = String((spec as { default: string }).default);
      return (v) => (v === '' ? value : v);
    }
    case 'replace': {
      const param = (spec as { replace: { pattern: string; with: string; flags?: string } }).replace;
      let re: RegExp;
      try {
        re = new RegExp(param.pattern, param.flags ?? 'g');
      } catch {
        throw new Error(
          `mapping/bad-transform|replace pattern "${param?.pattern}" is not a valid regular expression|replace 的正则表达式「${param?.pattern}」无效`,
        );
      }
      const replacement = param.with ?? '';
      return (v) => v.replace(re, replacement);
    }
    default:
      throw new Error(
        `mapping/unknown-transform|unknown transform "${String(name)}" (known: ${KNOWN_TRANSFORMS.join(', ')})|未知的转换「${String(name)}」（可用：${KNOWN_TRANSFORMS.join('、')}）`,
      );
  }
}

function compileCodes(field: string, spec: NonNullable<FieldSpec['codes']>, codesets: CodesetRegistry): Step {
  const table = new Map<string, string>();
  let source: string;
  if (typeof (spec as { codeset?: unknown }).codeset === 'string') {
    const { codeset, by = 'name' } = spec as { codeset: string; by?: 'name' | 'code' };
    const set = codesets.get(codeset);
    if (!set) {
      throw new Error(
        `mapping/codeset-unknown|code set "${codeset}" is not in the registry|代码集「${codeset}」不在代码集登记中`,
      );
    }
    for (const c of set.codes) {
      table.set(c.code, c.code);
      if (by === 'name') {
        table.set(c.label, c.code);
        if (c.labelEn) table.set(c.labelEn, c.code);
      }
    }
    source = set.name;
  } else {
    for (const [legacy, target] of Object.entries(spec as Record<string, string>))
      table.set(legacy, String(target));
    source = 'codes';
  }
  return (v, sink) => {
    const out = table.get(v);
    if (out !== undefined) return out;
    sink.error({
      field,
      rule: 'codes',
      value: v,
      message: `value "${v}" is not covered by ${source === 'codes' ? 'the codes table' : source}`,
      zh: `值「${v}」不在${source === 'codes' ? '代码对照表' : ` ${source} `}中`,
    });
    return undefined;
  };
}

type CrossCheck = (record: TargetRecord, sink: RowSink) => void;

function compileCrossChecks(mapping: FieldMapping, diagnostics: MappingDiagnostic[]): CrossCheck[] {
  const out: CrossCheck[] = [];
  (mapping.checks ?? []).forEach((spec, index) => {
    const name = spec && typeof spec === 'object' ? Object.keys(spec)[0] : undefined;
    if (name !== 'idcard-consistent') {
      diagnostics.push(
        diagnostic(
          'mapping/unknown-check',
          'error',
          ['checks', index],
          `unknown cross-field check "${String(name)}" (known: idcard-consistent)`,
          `未知的跨字段校核「${String(name)}」（可用：idcard-consistent）`,
        ),
      );
      return;
    }
    const params = spec['idcard-consistent'];
    for (const role of ['idcard', 'sex', 'birthDate'] as const) {
      const target = params?.[role];
      if (target !== undefined && !(target in mapping.fields)) {
        diagnostics.push(
          diagnostic(
            'mapping/check-field-unmapped',
            'error',
            ['checks', index, 'idcard-consistent', role],
            `idcard-consistent refers to "${target}", which is not mapped`,
            `idcard-consistent 引用的「${target}」没有映射`,
          ),
        );
      }
    }
    if (!params?.idcard) return;
    out.push(compileIdcardConsistent(params.idcard, params.sex, params.birthDate));
  });
  return out;
}

/** Sex must agree with the 17th digit (odd male, even female) and the birth date with digits 7–14. */
function compileIdcardConsistent(
  idKey: string,
  sexKey: string | undefined,
  birthKey: string | undefined,
): CrossCheck {
  return (record, sink) => {
    const id = record[idKey];
    if (typeof id !== 'string' || !hasIdcardCheckChar(id)) return;
    if (sexKey !== undefined) {
      const sex = record[sexKey];
      const male = (id.charCodeAt(16) - 48) % 2 === 1;
      if ((sex === '1' && !male) || (sex === '2' && male)) {
        const says = male ? ['male', '男性'] : ['female', '女性'];
        sink.error({
          field: sexKey,
          rule: 'idcard-consistent',
          value: sex,
          message: `sex ${sex} disagrees with the ID number ${id} (17th digit says ${says[0]})`,
          zh: `性别 ${sex} 与公民身份号码 ${id} 不一致（第 17 位表示${says[1]}）`,
        });
      }
    }
    if (birthKey !== undefined) {
      const birth = record[birthKey];
      if (typeof birth === 'string' && birth !== '' && !sameBirthDate(birth, id)) {
        const fromId = idcardFacts(id).birthDate;
        sink.error({
          field: birthKey,
          rule: 'idcard-consistent',
          value: birth,
          message: `birth date ${birth} disagrees with the ID number ${id} (${fromId})`,
          zh: `出生日期 ${birth} 与公民身份号码 ${id} 中的 ${fromId} 不一致`,
        });
      }
    }
  };
}

/** `YYYY-MM-DD` equals digits 7–14 of the ID number, compared without allocating. */
function sameBirthDate(birth: string, id: string): boolean {
  if (birth.length !== 10) return false;
  for (let i = 0, j = 6; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    if (birth.charCodeAt(i) !== id.charCodeAt(j++)) return false;
  }
  return true;
}
