import type { Paginator } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import type { ListItem, QueryParams } from '../operations';
import { type Call, paged, single } from './caller';

/** 政务部门: every department is a client of the exchange. */
export class Departments {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  list(
    query?: QueryParams<'listDepartments'>,
    options?: RequestOptions,
  ): Paginator<ListItem<'listDepartments'>> {
    return paged(this.#call, 'listDepartments', { query }, options);
  }

  get(departmentId: string, options?: RequestOptions) {
    return single(this.#call, 'getDepartment', { path: { departmentId } }, options);
  }

  /** The department these credentials belong to. */
  me(options?: RequestOptions) {
    return single(this.#call, 'getMe', {}, options);
  }
}
