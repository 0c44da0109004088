import { zFieldMapping } from '../generated/zod';
import { diagnostic } from './diagnostics';
import type { Locate } from './positions';
import { constraintProblems } from './schema-constraints';
import { problemsFromIssues } from './schema-issues';
import { describeProblem, isKeyProblem, problemIdentity, type SchemaProblem } from './schema-problem';
import type { MappingDiagnostic } from './types';

/**
 * Validates a mapping document against the spec's `FieldMapping` schema: the generated zod schema, and the
 * constraints of `field-mapping.schema.json` that it cannot carry. Of a union's alternatives only the one the
 * document was meant to be is reported, so each problem is reported once, where it is.
 */
export function validateMappingSchema(value: unknown, locate?: Locate): MappingDiagnostic[] {
  const parsed = zFieldMapping.safeParse(value);
  const problems = [
    ...(parsed.success ? [] : problemsFromIssues(parsed.error.issues, value)),
    ...constraintProblems(value),
  ];
  const unique = new Map<string, SchemaProblem>();
  for (const problem of problems) {
    const identity = problemIdentity(problem);
    if (!unique.has(identity)) unique.set(identity, problem);
  }
  return [...unique.values()].map((problem) => {
    const { en, zh } = describeProblem(problem);
    const d = diagnostic('mapping/schema', 'error', problem.path, en, zh);
    const range = locate?.(problem.path, isKeyProblem(problem) ? 'key' : 'value');
    return range ? { ...d, range } : d;
  });
}
