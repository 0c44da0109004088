import type { ErasureRequest } from '@unsilo/sdk/schemas';
import type { OperationHandlers, OperationInput } from '../http/operation';
import { Problem } from '../problems/problem';
import { allResourceCodes, compactToWindow, eraseInResources, subjectDigest } from '../records/retention';
import type { Services } from '../services';

/**
 * The authority's operations on what the exchange keeps (the spec's `x-roles: [authority]` admits nobody else):
 * compaction to the retention window, and erasure of a data subject. The audit log gets the figures and a keyed
 * digest of the subject, never the subject.
 */
export function retentionRoutes(services: Services): OperationHandlers {
  const { state, resources } = services;
  const { retention } = state.storage;

  /** The codes to look through: the ones listed (each must exist: nothing changes otherwise), or all. */
  async function codesOf(input: OperationInput, listed: string[] | undefined): Promise<string[]> {
    const viewer = { departmentId: input.caller.department.id, seesAllWorkingVersions: true };
    if (!listed) return allResourceCodes(resources, viewer);
    for (const code of listed) {
      if (!(await resources.get(code)))
        throw new Problem('resource.not_found', `No catalogue resource has the code ${code}`);
    }
    return [...listed].sort();
  }

  return {
    eraseSubject: async (input) => {
      const request = input.body as ErasureRequest;
      const digest = subjectDigest(request.subject, state.sealingKey);
      const erasure = await eraseInResources(retention, {
        subject: request.subject,
        codes: await codesOf(input, request.resources),
        dryRun: request.dryRun ?? false,
        at: new Date(state.now()).toISOString(),
        digest,
      });
      input.request.auditFacts = {
        detail: {
          subjectDigest: digest,
          reason: request.reason,
          dryRun: erasure.dryRun,
          records: erasure.records,
          versions: erasure.versions,
          resources: erasure.resources.map((r) => r.resource),
        },
      };
      return { status: 200, body: erasure };
    },
    compactChanges: async () => {
      if (state.retentionDays === undefined) {
        throw new Problem(
          'retention.not_configured',
          'This exchange keeps every version of every record; start it with a retention window (--retention-days) to compact',
        );
      }
      return { status: 200, body: await compactToWindow(retention, state.retentionDays, state.now()) };
    },
  };
}
