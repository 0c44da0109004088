import type { Paginator } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import type { ListItem, QueryParams } from '../operations';
import { type Call, paged, single } from './caller';

/**
 * 客户端凭证: the authority adds, rotates, revokes and lists the clients of the departments. A new secret is in
 * the answer of `add` and `rotate` once (`data.clientSecret`); the exchange cannot show it again.
 */
export class Clients {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  /** A new client for the department; `data.clientSecret` is its secret, shown this once. */
  add(departmentId: string, options?: RequestOptions) {
    return single(this.#call, 'createClient', { path: { departmentId } }, options);
  }

  list(
    departmentId: string,
    query?: QueryParams<'listClients'>,
    options?: RequestOptions,
  ): Paginator<ListItem<'listClients'>> {
    return paged(this.#call, 'listClients', { path: { departmentId }, query }, options);
  }

  /** A new secret (shown this once); the previous one stays valid for `graceSeconds` (default 24 h). */
  rotate(clientId: string, rotation: { graceSeconds?: number } = {}, options?: RequestOptions) {
    return single(this.#call, 'rotateClientSecret', { path: { clientId }, body: rotation }, options);
  }

  /** The client's tokens and signatures are refused from now on, on every instance. Final. */
  revoke(clientId: string, options?: RequestOptions) {
    return single(this.#call, 'revokeClient', { path: { clientId } }, options);
  }
}
