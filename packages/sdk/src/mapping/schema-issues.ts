import type { z } from 'zod';
import type { DocumentPath, SchemaProblem } from './schema-problem';

type Issue = z.core.$ZodIssue;

/** JSON Schema's names of the types zod expects (`int` is an integer, a record is an object). */
const JSON_TYPE: Record<string, string> = { int: 'integer', record: 'object' };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(document: unknown, path: DocumentPath): unknown {
  let node = document;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isPlainObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** The key `path` names when it is absent from a map that is there; a schema finds it "undefined". */
function missingKey(document: unknown, path: DocumentPath): string | undefined {
  const key = path.at(-1);
  if (typeof key !== 'string') return undefined;
  const parent = valueAt(document, path.slice(0, -1));
  return isPlainObject(parent) && !Object.hasOwn(parent, key) ? key : undefined;
}

/** zod writes a pattern as a regex literal: `/^[0-9]{6,}\/[0-9]+$/` is the schema's `^[0-9]{6,}/[0-9]+$`. */
function patternText(literal: string): string {
  return literal.replace(/^\/(.*)\/[a-z]*$/, '$1').replace(/\\\//g, '/');
}

/** JSON Schema's keyword and relation for a number bound, by zod issue code and inclusiveness. */
const NUMBER_BOUNDS: Record<string, [string, string]> = {
  too_small: ['minimum', '>='],
  'too_small exclusive': ['exclusiveMinimum', '>'],
  too_big: ['maximum', '<='],
  'too_big exclusive': ['exclusiveMaximum', '<'],
};

function sizeProblem(issue: Issue & { code: 'too_small' | 'too_big' }, path: DocumentPath): SchemaProblem {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  if (small && bound === 1 && (issue.origin === 'string' || issue.origin === 'array'))
    return { kind: 'empty', path };
  const fewer = small ? 'fewer' : 'more';
  if (issue.origin === 'string')
    return {
      kind: 'bound',
      path,
      keyword: small ? 'minLength' : 'maxLength',
      en: `must NOT have ${fewer} than ${bound} characters`,
    };
  if (issue.origin === 'array')
    return {
      kind: 'bound',
      path,
      keyword: small ? 'minItems' : 'maxItems',
      en: `must NOT have ${fewer} than ${bound} items`,
    };
  const exclusive = issue.inclusive === false;
  const [keyword, relation] = NUMBER_BOUNDS[`${issue.code}${exclusive ? ' exclusive' : ''}`] ?? ['', ''];
  return { kind: 'bound', path, keyword, en: `must be ${relation} ${bound}` };
}

const samePath = (a: DocumentPath, b: DocumentPath) => a.length === b.length && a.every((s, i) => s === b[i]);

/** A type or value that an alternative of a union does not take at all (rather than a problem inside it). */
function isMismatchAt(problem: SchemaProblem, path: DocumentPath): boolean {
  return (
    (problem.kind === 'type' || problem.kind === 'enum' || problem.kind === 'const') &&
    samePath(problem.path, path)
  );
}

/** "Must be one of" the values of all alternatives, or else "must be of type" their types. */
function mergedMismatch(problems: SchemaProblem[], path: DocumentPath): SchemaProblem {
  const values: unknown[] = [];
  const types: string[] = [];
  for (const p of problems) {
    if (p.kind === 'enum') values.push(...p.values);
    else if (p.kind === 'const') values.push(p.value);
    else if (p.kind === 'type') types.push(...p.types);
  }
  const distinct = [...new Set(values)];
  if (distinct.length > 1) return { kind: 'enum', path, values: distinct };
  if (distinct.length === 1) return { kind: 'const', path, value: distinct[0] };
  return { kind: 'type', path, types: [...new Set(types)] };
}

/**
 * The problems of the alternative of a union that the value was meant to be: one that takes its type, whose
 * keys are there (a missing key means another alternative was meant), with the fewest problems on the value
 * itself, then the fewest in all; the first on a tie, as the schema lists them. When no alternative takes the
 * type, one problem says which values or types would do.
 */
function unionProblems(alternatives: Issue[][], path: DocumentPath, document: unknown): SchemaProblem[] {
  const options = alternatives.map((issues) => issues.flatMap((i) => issueProblems(i, path, document)));
  const fitting = options.filter((problems) => !problems.some((p) => isMismatchAt(p, path)));
  if (fitting.length === 0) return [mergedMismatch(options.flat(), path)];
  const onValue = (p: SchemaProblem) =>
    p.kind === 'required' ? samePath(p.path, path) : samePath(p.path.slice(0, -1), path);
  const score = (problems: SchemaProblem[]) => [
    problems.some((p) => p.kind === 'required' && samePath(p.path, path)) ? 1 : 0,
    problems.filter(onValue).length,
    problems.length,
  ];
  let best = fitting[0] ?? [];
  let bestScore = score(best);
  for (const problems of fitting.slice(1)) {
    const s = score(problems);
    const i = s.findIndex((n, k) => n !== bestScore[k]);
    if (i >= 0 && (s[i] ?? 0) < (bestScore[i] ?? 0)) {
      best = problems;
      bestScore = s;
    }
  }
  return best;
}

/** The problems one zod issue stands for; `base` is the path of the value the issue's path starts from. */
export function issueProblems(issue: Issue, base: DocumentPath, document: unknown): SchemaProblem[] {
  const path: DocumentPath = [...base, ...issue.path.map((s) => (typeof s === 'number' ? s : String(s)))];
  const missing = missingKey(document, path);
  if (missing !== undefined) return [{ kind: 'required', path: path.slice(0, -1), key: missing }];
  switch (issue.code) {
    case 'invalid_union':
      return issue.errors.length
        ? unionProblems(issue.errors, path, document)
        : [{ kind: 'other', path, keyword: 'oneOf', en: issue.message }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ kind: 'unknown-key', path: [...path, key] }));
    case 'invalid_value':
      return issue.values.length === 1
        ? [{ kind: 'const', path, value: issue.values[0] }]
        : [{ kind: 'enum', path, values: [...issue.values] }];
    case 'invalid_type':
      return [{ kind: 'type', path, types: [JSON_TYPE[issue.expected] ?? issue.expected] }];
    case 'too_small':
    case 'too_big':
      return [sizeProblem(issue, path)];
    case 'invalid_format':
      return issue.pattern !== undefined
        ? [{ kind: 'pattern', path, pattern: patternText(issue.pattern) }]
        : [{ kind: 'other', path, keyword: 'format', en: issue.message }];
    default:
      return [{ kind: 'other', path, keyword: issue.code, en: issue.message }];
  }
}

/** The problems of a failed parse of `document` (or of the value at `base` inside it). */
export function problemsFromIssues(
  issues: readonly Issue[],
  document: unknown,
  base: DocumentPath = [],
): SchemaProblem[] {
  return issues.flatMap((issue) => issueProblems(issue, base, document));
}
