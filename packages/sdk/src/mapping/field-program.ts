import { compileCodes } from './codes-step';
import type { CodesetRegistry } from './codesets';
import { diagnostic, diagnosticFromError } from './diagnostics';
import { checksOf, transformsOf } from './field-spec';
import { compileItemCheck, type ItemCheck } from './item-checks';
import { RowSink } from './row-sink';
import { compileTransform, type Step } from './transform-steps';
import type { FieldSpec, MappingDiagnostic, RecordValue, RowIssue, TargetItem } from './types';
import { compileCheck, type IssueSink, type ValueCheck } from './validators';

type Reader = (values: Readonly<Record<string, string | undefined>>) => string;

/** One target field compiled: where its value comes from and what it goes through, built once. */
export interface FieldProgram {
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

/** What compiling a field needs besides the field itself. */
export interface FieldContext {
  item: TargetItem | undefined;
  required: boolean;
  codesets: CodesetRegistry;
  /** "Today" as a calendar day `YYYY-MM-DD`, for birth dates in the future. */
  today: string;
  /** Where problems with the field go; the field is still compiled as far as it can be. */
  diagnostics: MappingDiagnostic[];
}

/** Compiles one field into a reader and a short array of specialised steps; `undefined` when it reads nothing. */
export function compileField(key: string, spec: FieldSpec, context: FieldContext): FieldProgram | undefined {
  const { item, codesets, diagnostics } = context;
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
  // Codes after transforms; a constant `value` is already in target space, and `identity` translates nothing
  // (the item's code set still checks membership).
  if (spec.codes !== undefined && spec.codes !== 'identity' && spec.value === undefined) {
    try {
      steps.push(compileCodes(key, spec.codes, codesets));
    } catch (error) {
      diagnostics.push(diagnosticFromError(error, at('codes')));
    }
  }
  const checks: ValueCheck[] = [];
  checksOf(spec).forEach((c, index) => {
    try {
      checks.push(compileCheck(key, c, { today: context.today }));
    } catch (error) {
      diagnostics.push(diagnosticFromError(error, at('check', index)));
    }
  });
  const itemCheck = item
    ? compileItemCheck(item, codesets, context.today, checksOf(spec).includes('region'))
    : undefined;
  if (itemCheck) diagnostics.push(...constantProblems(key, spec, itemCheck));
  const name = item?.name ?? key;
  return {
    key,
    read,
    column: spec.value === undefined && typeof spec.from === 'string' ? spec.from : undefined,
    steps,
    fallback: spec.default === undefined ? undefined : String(spec.default),
    required: context.required,
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

/** A constant `value` or `default` the item would reject is an error of the mapping, not of every row. */
function constantProblems(key: string, spec: FieldSpec, itemCheck: ItemCheck): MappingDiagnostic[] {
  const out: MappingDiagnostic[] = [];
  for (const [constant, path] of [
    [spec.value, 'value'],
    [spec.default, 'default'],
  ] as const) {
    if (constant === undefined) continue;
    const probe = new RowSink();
    if (itemCheck(String(constant), probe) !== undefined) continue;
    const issue = probe.errors![0]!;
    out.push(
      diagnostic(
        'mapping/constant-invalid',
        'error',
        ['fields', key, path],
        `${path} "${constant}" does not fit: ${issue.message}`,
        `${path}「${constant}」不符合信息项要求：${issue.zh}`,
      ),
    );
  }
  return out;
}

function compileReader(spec: FieldSpec): Reader | undefined {
  if (spec.value !== undefined) {
    const constant = String(spec.value);
    return () => constant;
  }
  const from = spec.from;
  if (typeof from === 'string') return (values) => values[from] ?? '';
  if (Array.isArray(from) && from.length > 0) return joinedReader(from, spec.separator ?? '');
  if (spec.default !== undefined) return () => '';
  return undefined;
}

/** Several source columns joined by `separator`, empty ones left out. */
function joinedReader(from: readonly string[], separator: string): Reader {
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

/** Runs one field over a row (the plain loop; the generated row function does the same, unrolled). */
export function runField(
  p: FieldProgram,
  values: Readonly<Record<string, string | undefined>>,
  sink: IssueSink,
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
