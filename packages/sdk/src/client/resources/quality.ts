import type { RequestOptions } from '../core/transport';
import { type Call, single } from './caller';

/** Completeness, reject rate and freshness of a resource against its declared update cycle. */
export class Quality {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  get(code: string, options?: RequestOptions) {
    return single(this.#call, 'getQuality', { path: { code } }, options);
  }
}
