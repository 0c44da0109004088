import type { RequestOptions } from '../core/transport';
import type { RequestBody } from '../operations';
import { type Call, single } from './caller';

/**
 * Completeness, rejects and freshness of a resource against its declared update cycle, and the sync-run reports
 * that let the rejects count rows refused before sending.
 */
export class Quality {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  get(code: string, options?: RequestOptions) {
    return single(this.#call, 'getQuality', { path: { code } }, options);
  }

  /**
   * Reports a sync run of the caller's own resource: rows read, accepted, and refused locally by reason. A report
   * with the `runId` of an earlier one replaces it (status 200; 201 for a new report). `sync` reports its runs
   * through this when given `report` (see `createRunReporter`).
   */
  reportSyncRun(code: string, report: RequestBody<'reportSyncRun'>, options?: RequestOptions) {
    return single(this.#call, 'reportSyncRun', { path: { code }, body: report }, options);
  }
}
