import type { QualityConflicts } from '@unsilo/sdk/schemas';
import { assertCanRead } from '../access/access-policy';
import type { OperationHandlers, OperationInput, OperationOutput } from '../http/operation';
import { Problem } from '../problems/problem';
import { type ComparedResource, comparablePairs, publishedSubjects } from '../quality/conflict-sources';
import type { Caller } from '../sandbox-state';
import type { Services } from '../services';
import { loadResource } from './catalog-routes';

const DEFAULT_EXAMPLES = 3;

/** The exchange-wide quality figures, across resources (a resource's own are in records-routes). */
export function qualityRoutes(services: Services): OperationHandlers {
  return { getQualityConflicts: (input) => getQualityConflicts(services, input) };
}

/**
 * 多元校核: where two published resources describe the same subjects with the same elements, how often they
 * disagree. The authority sees every pair, a provider the pairs of its own resources. Examples show values, so
 * only a caller that may read both resources' records gets them, the authority included (it reads a conditional
 * resource with an approved request, as everywhere else).
 */
async function getQualityConflicts(
  services: Services,
  { request, caller, query }: OperationInput,
): Promise<OperationOutput> {
  const resource = typeof query.resource === 'string' ? query.resource : undefined;
  // An unknown resource, or one the caller may not know of, is a 404 as everywhere else.
  if (resource !== undefined) await loadResource(services, request, caller, resource);
  const element = typeof query.element === 'string' ? query.element : undefined;
  const examples = examplesOf(query.examples);
  const authority = caller.department.roles.includes('authority');
  const { resources, authoritative } = publishedSubjects(await services.conflicts.publishedEntries());
  const pairs = comparablePairs(resources).filter(
    (pair) =>
      (authority ||
        pair.left.providerId === caller.department.id ||
        pair.right.providerId === caller.department.id) &&
      (resource === undefined || pair.left.code === resource || pair.right.code === resource) &&
      (element === undefined || pair.elements.includes(element)),
  );
  const body: QualityConflicts = { pairs: [] };
  for (const pair of pairs) {
    const showExamples =
      (await mayRead(services, caller, pair.left)) && (await mayRead(services, caller, pair.right));
    body.pairs.push(
      await services.conflicts.comparePair(pair, element === undefined ? pair.elements : [element], {
        examples,
        showExamples,
        authoritative,
      }),
    );
  }
  request.auditFacts = { ...request.auditFacts, detail: { pairs: body.pairs.length } };
  return { status: 200, body };
}

function examplesOf(value: unknown): number {
  const examples = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(examples) ? examples : DEFAULT_EXAMPLES;
}

/** Whether the caller may read a resource's records (its own, unconditional, or with an approved request). */
async function mayRead(services: Services, caller: Caller, compared: ComparedResource): Promise<boolean> {
  if (compared.providerId === caller.department.id) return true;
  const resource = await services.resources.get(compared.code);
  if (!resource) return false;
  try {
    await assertCanRead(caller, resource, services.shares);
    return true;
  } catch (error) {
    if (error instanceof Problem) return false;
    throw error;
  }
}
