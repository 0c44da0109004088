import type { Paginator } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import type { ListItem, QueryParams, RequestBody } from '../operations';
import { type Call, paged, single } from './caller';

/** 有条件共享: a consumer asks with a purpose; the provider approves or refuses with a reason. */
export class ShareRequests {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  create(body: RequestBody<'createShareRequest'>, options?: RequestOptions) {
    return single(this.#call, 'createShareRequest', { body }, options);
  }

  list(
    query?: QueryParams<'listShareRequests'>,
    options?: RequestOptions,
  ): Paginator<ListItem<'listShareRequests'>> {
    return paged(this.#call, 'listShareRequests', { query }, options);
  }

  get(id: string, options?: RequestOptions) {
    return single(this.#call, 'getShareRequest', { path: { id } }, options);
  }

  approve(id: string, options?: RequestOptions) {
    return single(this.#call, 'approveShareRequest', { path: { id } }, options);
  }

  refuse(id: string, body: RequestBody<'refuseShareRequest'>, options?: RequestOptions) {
    return single(this.#call, 'refuseShareRequest', { path: { id }, body }, options);
  }
}
