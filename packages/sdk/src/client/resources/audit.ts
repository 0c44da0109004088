import type { Paginator } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import type { ListItem, QueryParams } from '../operations';
import { type Call, paged } from './caller';

/** 审计: every read and write, per department. */
export class Audit {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  list(
    query?: QueryParams<'listAuditEvents'>,
    options?: RequestOptions,
  ): Paginator<ListItem<'listAuditEvents'>> {
    return paged(this.#call, 'listAuditEvents', { query }, options);
  }
}
