import type { RequestOptions } from '../core/transport';
import type { QueryParams, RequestBody } from '../operations';
import { type Call, single } from './caller';

/**
 * Completeness, rejects and freshness of a resource against its declared update cycle, the sync-run reports
 * that let the rejects count rows refused before sending, and the conflicts between sources.
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
   * 多元校核: where two published resources hold the same subjects (公民身份号码, 统一社会信用代码) with the same data
   * element, how many subjects they disagree on, per pair and element, with masked examples and the element's
   * authoritative source. The authority sees every pair; a provider the pairs of its own resources.
   */
  conflicts(query?: QueryParams<'getQualityConflicts'>, options?: RequestOptions) {
    return single(this.#call, 'getQualityConflicts', { query }, options);
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
