import type { RequestOptions } from '../core/transport';
import type { RequestBody } from '../operations';
import { type Call, single } from './caller';

/**
 * 保留期与个人信息删除: the authority erases a data subject (every version of each record whose key names it, a
 * delete in the feed so followers erase it too) and compacts the change feed to the exchange's retention window.
 */
export class Retention {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  /** Erases the subject, or with `dryRun: true` only reports what would be erased. */
  erase(request: RequestBody<'eraseSubject'>, options?: RequestOptions) {
    return single(this.#call, 'eraseSubject', { body: request }, options);
  }

  /** Removes the superseded versions older than the retention window now (409 when the exchange has none). */
  compact(options?: RequestOptions) {
    return single(this.#call, 'compactChanges', {}, options);
  }
}
