import type { Paginator } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import type { ListItem, QueryParams } from '../operations';
import { type Call, paged, single } from './caller';

/** 标准代码集: the national code sets `@unsilo/spec` registers (GB/T 2261.1, GB/T 3304, GB/T 2260 …), with versions. */
export class CodeSets {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  list(query?: QueryParams<'listCodeSets'>, options?: RequestOptions): Paginator<ListItem<'listCodeSets'>> {
    return paged(this.#call, 'listCodeSets', { query }, options);
  }

  /** One code set with all its codes, e.g. `get('gbt-2261-1')`. */
  get(id: string, options?: RequestOptions) {
    return single(this.#call, 'getCodeSet', { path: { id } }, options);
  }
}
