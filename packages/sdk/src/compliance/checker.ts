import { ClientHistory, type ObservedOutcome } from './client-history';
import { type ComplianceFinding, FindingsLog } from './findings-log';
import { matchOperation } from './match-operation';
import type { FindingEvent, ObservedRequest } from './observed';
import { idempotencyKeyMissing, requestInvalid, secretsInQuery, unknownOperation } from './request-checks';

/**
 * Everything the proxy judges, without the network: each request goes through `observe`, its outcome through
 * the returned `settle`. Usable on its own (tests, or a recorded log replayed).
 */
export class ComplianceChecker {
  readonly #log = new FindingsLog();
  readonly #history = new ClientHistory();
  readonly #perOperation = new Map<string, number>();
  #total = 0;

  observe(request: ObservedRequest): { operationId?: string; settle: (outcome: ObservedOutcome) => void } {
    this.#total += 1;
    const match = matchOperation(request.method, request.path);
    const operationId = match?.operationId;
    const label = operationId ?? '(unknown)';
    this.#perOperation.set(label, (this.#perOperation.get(label) ?? 0) + 1);
    const events = match
      ? [
          ...requestInvalid(request, match),
          ...idempotencyKeyMissing(request, match.operationId),
          ...secretsInQuery(request, match.operationId),
        ]
      : [...unknownOperation(request), ...secretsInQuery(request)];
    const history = this.#history.onRequest(request, operationId);
    for (const event of [...events, ...history.events]) {
      this.#log.add({ ...event, method: request.method, path: request.path, at: request.at });
    }
    return { ...(operationId ? { operationId } : {}), settle: history.settle };
  }

  /** A finding the proxy itself makes (a body over its cap, a target it cannot reach). */
  note(event: FindingEvent): void {
    this.#log.add(event);
  }

  requests(): { total: number; perOperation: Record<string, number> } {
    const sorted = [...this.#perOperation.entries()].sort(([a], [b]) => a.localeCompare(b));
    return { total: this.#total, perOperation: Object.fromEntries(sorted) };
  }

  /** The findings so far, with the pages not followed judged now. */
  findings(): ComplianceFinding[] {
    const pages = new FindingsLog();
    for (const event of this.#history.unfollowedPages()) pages.add(event);
    return [...this.#log.list(), ...pages.list()];
  }
}
