import fieldMappingSchema from '@unsilo/spec/schemas/field-mapping.schema.json';
import { zMappingCodeTranslation } from '../generated/zod';
import { isPlainObject, problemsFromIssues } from './schema-issues';
import type { DocumentPath, SchemaProblem } from './schema-problem';

// What `field-mapping.schema.json` says and the generated `zFieldMapping` cannot carry: the zod generator drops
// `minProperties`, `uniqueItems`, `propertyNames`, `not` and `if`/`else`. Each is checked here, on the document
// as it was read, and nowhere else.

/** `fields` keys are target item keys (`propertyNames` of `fields`). */
const FIELD_KEY = new RegExp(fieldMappingSchema.properties.fields.propertyNames.pattern);

/** The code-set form of `codes`; a table may not have the key `codeset`, so a map that has one is this form. */
const CODE_SET_LOOKUP = zMappingCodeTranslation.options[1];

type Located = [value: unknown, path: DocumentPath];

/** `uniqueItems`, reported as JSON Schema validators do: scanning from the end, the first repeated item. */
function duplicateProblems(list: unknown, path: DocumentPath): SchemaProblem[] {
  if (!Array.isArray(list)) return [];
  const seen = new Map<string, number>();
  for (let i = list.length - 1; i >= 0; i--) {
    const id = JSON.stringify(list[i]);
    const later = seen.get(id);
    if (later !== undefined) return [{ kind: 'duplicate', path, first: i, second: later }];
    seen.set(id, i);
  }
  return [];
}

/** A `codes` map: a table has at least one entry; one with `codeset` must be a valid code-set lookup. */
function codesProblems(codes: unknown, path: DocumentPath, document: unknown): SchemaProblem[] {
  if (!isPlainObject(codes)) return [];
  if (Object.keys(codes).length === 0) return [{ kind: 'empty', path }];
  if (!Object.hasOwn(codes, 'codeset')) return [];
  const parsed = CODE_SET_LOOKUP.safeParse(codes);
  return parsed.success ? [] : problemsFromIssues(parsed.error.issues, document, path);
}

/** `{ length: { min?, max? } }` names at least one bound. */
function checkProblems(check: unknown, path: DocumentPath): SchemaProblem[] {
  const entries: Located[] = Array.isArray(check)
    ? check.map((c, i): Located => [c, [...path, i]])
    : [[check, path]];
  return entries.flatMap(([c, at]): SchemaProblem[] =>
    isPlainObject(c) && isPlainObject(c.length) && Object.keys(c.length).length === 0
      ? [{ kind: 'empty', path: [...at, 'length'] }]
      : [],
  );
}

/** A field takes `from` or `value`, not both, unless it has a `default` (then either or neither). */
function sourceProblems(rule: Record<string, unknown>, path: DocumentPath): SchemaProblem[] {
  if (Object.hasOwn(rule, 'default')) return [];
  const from = Object.hasOwn(rule, 'from');
  const value = Object.hasOwn(rule, 'value');
  if (from && value) return [{ kind: 'exclusive', path: [...path, 'value'] }];
  return from || value ? [] : [{ kind: 'needs-source', path }];
}

function ruleProblems(rule: unknown, path: DocumentPath, document: unknown): SchemaProblem[] {
  if (!isPlainObject(rule)) return [];
  return [
    ...sourceProblems(rule, path),
    ...codesProblems(rule.codes, [...path, 'codes'], document),
    ...checkProblems(rule.check, [...path, 'check']),
  ];
}

/** The problems of a mapping document with the constraints the generated schema does not check. */
export function constraintProblems(document: unknown): SchemaProblem[] {
  if (!isPlainObject(document)) return [];
  const problems = duplicateProblems(document.key, ['key']);
  const fields = document.fields;
  if (!isPlainObject(fields)) return problems;
  const names = Object.keys(fields);
  if (names.length === 0) problems.push({ kind: 'empty', path: ['fields'] });
  for (const name of names) {
    if (!FIELD_KEY.test(name)) problems.push({ kind: 'bad-key', path: ['fields', name] });
    problems.push(...ruleProblems(fields[name], ['fields', name], document));
  }
  return problems;
}
