import type { Paginator } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import type { ListItem, QueryParams, RequestBody, SuccessBody } from '../operations';
import {
  type Call,
  type ExchangeResponse,
  type IfMatchOptions,
  type NotModified,
  paged,
  single,
  toResponse,
} from './caller';

export type Resource = SuccessBody<'getResource'>;

/** 政务信息资源目录: catalogue resources and their life cycle. */
export class CatalogResources {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  /** Every resource matching the filters, across pages: `for await (const r of client.catalog.list({ provider }))`. */
  list(query?: QueryParams<'listResources'>, options?: RequestOptions): Paginator<ListItem<'listResources'>> {
    return paged(this.#call, 'listResources', { query }, options);
  }

  get(code: string, options?: RequestOptions): Promise<ExchangeResponse<Resource>>;
  get(
    code: string,
    options: RequestOptions & { ifNoneMatch: string },
  ): Promise<ExchangeResponse<Resource> | NotModified>;
  async get(
    code: string,
    options?: RequestOptions & { ifNoneMatch?: string },
  ): Promise<ExchangeResponse<Resource> | NotModified> {
    const result = await this.#call(
      'getResource',
      { path: { code }, headers: { 'If-None-Match': options?.ifNoneMatch } },
      options,
    );
    if (result.status === 304) {
      return { notModified: true, status: 304, etag: result.etag, requestId: result.requestId };
    }
    return toResponse<'getResource'>(result);
  }

  /** Files a new draft. The server lints it with the catalogue rules (422 `catalog.lint_failed`). */
  create(entry: RequestBody<'createResource'>, options?: RequestOptions) {
    return single(this.#call, 'createResource', { body: entry }, options);
  }

  update(code: string, entry: RequestBody<'updateResource'>, options: IfMatchOptions) {
    return single(
      this.#call,
      'updateResource',
      { path: { code }, body: entry, headers: { 'If-Match': options.ifMatch } },
      options,
    );
  }

  submit(code: string, options: IfMatchOptions) {
    return this.#transition('submitResource', code, options);
  }

  register(code: string, options: IfMatchOptions) {
    return this.#transition('registerResource', code, options);
  }

  publish(code: string, options: IfMatchOptions) {
    return this.#transition('publishResource', code, options);
  }

  withdraw(code: string, body: RequestBody<'withdrawResource'>, options: IfMatchOptions) {
    return single(
      this.#call,
      'withdrawResource',
      { path: { code }, body, headers: { 'If-Match': options.ifMatch } },
      options,
    );
  }

  #transition<O extends 'submitResource' | 'registerResource' | 'publishResource'>(
    operationId: O,
    code: string,
    options: IfMatchOptions,
  ) {
    return single(
      this.#call,
      operationId,
      { path: { code }, headers: { 'If-Match': options.ifMatch } },
      options,
    );
  }
}
