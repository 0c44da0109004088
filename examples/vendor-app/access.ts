import { type ExchangeClient, ExchangeHttpError } from '@unsilo/sdk';

/** How the vendor came to read a resource: the refusal it met first, and its share request as decided. */
export interface AccessOutcome {
  /** The exchange's answer before any request: status and problem code (403 for a vendor). */
  refused?: { status: number; code: string; reason: string };
  requestId: string;
  status: 'approved' | 'refused';
  /** The provider's reason when it refused. */
  reason?: string;
}

/**
 * Tries to read `resource`; when refused, files a share request with `purpose` (有条件共享) and returns its id.
 * A vendor reads nothing of a government department without an approved request.
 */
export async function askForAccess(
  vendor: ExchangeClient,
  resource: string,
  purpose: string,
): Promise<Pick<AccessOutcome, 'refused' | 'requestId'> & { granted: boolean }> {
  try {
    await vendor.records.changes(resource, { limit: 1 }).pages().next();
    return { granted: true, requestId: '' };
  } catch (error) {
    if (!(error instanceof ExchangeHttpError) || error.status !== 403) throw error;
    const refused = {
      status: error.status,
      code: error.code,
      reason: error.problem?.zh ?? error.problem?.detail ?? error.message,
    };
    const request = await vendor.shareRequests.create({ resource, purpose });
    return { granted: false, refused, requestId: request.data.id };
  }
}

/**
 * Polls the share request until the provider decides, every `intervalMs`, for at most `timeoutMs`. A real
 * application waits hours or days for a department's decision: run this from a scheduled job, not a request.
 */
export async function waitForDecision(
  vendor: ExchangeClient,
  requestId: string,
  { intervalMs = 200, timeoutMs = 30_000 }: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<Pick<AccessOutcome, 'status' | 'reason'>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await vendor.shareRequests.get(requestId);
    if (data.status !== 'pending')
      return { status: data.status, ...(data.reason ? { reason: data.reason } : {}) };
    if (Date.now() > deadline)
      throw new Error(`share request ${requestId} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
