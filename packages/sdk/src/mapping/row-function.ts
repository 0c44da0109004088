import type { CrossCheck } from './cross-checks';
import { type FieldProgram, runField } from './field-program';
import { outcomeOf, RowSink } from './row-sink';
import type { RecordValue, RowOutcome, TargetRecord } from './types';

/** Maps one source row; `row` is its 1-based data row. Synchronous and not re-entrant. */
export type MapRow = (values: Readonly<Record<string, string | undefined>>, row: number) => RowOutcome;

/**
 * The row function of a compiled mapping: one generated for it where code generation is allowed (Node, the
 * language server), else the plain field loop (e.g. a webview under a strict Content-Security-Policy).
 */
export function rowFunction(
  programs: readonly FieldProgram[],
  crossChecks: readonly CrossCheck[],
  generate: boolean,
): MapRow {
  const sink = new RowSink();
  return (
    (generate ? generatedMapRow(programs, crossChecks, sink) : undefined) ??
    loopMapRow(programs, crossChecks, sink)
  );
}

function loopMapRow(
  programs: readonly FieldProgram[],
  crossChecks: readonly CrossCheck[],
  sink: RowSink,
): MapRow {
  const scratch: Array<RecordValue | undefined> = new Array(programs.length);
  const makeRecord = recordFactory(programs.map((p) => p.key));
  return (values, row) => {
    sink.errors = undefined;
    sink.warnings = undefined;
    for (let f = 0; f < programs.length; f++) scratch[f] = runField(programs[f]!, values, sink);
    const record = makeRecord(scratch);
    for (let c = 0; c < crossChecks.length; c++) crossChecks[c]!(record, sink);
    return outcomeOf(row, record, sink);
  };
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
): MapRow | undefined {
  const keys = programs.map((p) => p.key);
  if (keys.includes('__proto__') || keys.length > 500) return undefined;
  // Each step, check and item check is bound to a constant of its own, so each call site sees one function.
  const constants: string[] = [];
  const bind = (name: string, expression: string) => {
    constants.push(`const ${name} = ${expression};`);
    return name;
  };
  const fieldFunctions = programs.map((p, f) => fieldFunctionSource(p, f, bind));
  const cross = crossChecks.map((_, c) => `${bind(`cross${c}`, `X[${c}]`)}(record, sink);`);
  const body = `
  ${constants.join('\n  ')}
  function Record(${keys.map((_, i) => `v${i}`).join(', ')}) {
    ${keys.map((k, i) => `this[${JSON.stringify(k)}] = v${i};`).join(' ')}
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

/** The source of `field${f}(values)`: what `runField` does for program `p`, unrolled. */
function fieldFunctionSource(
  p: FieldProgram,
  f: number,
  bind: (name: string, expression: string) => string,
): string {
  const lit = JSON.stringify;
  const read =
    p.column !== undefined ? `values[${lit(p.column)}] ?? ''` : `${bind(`read${f}`, `P[${f}].read`)}(values)`;
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
