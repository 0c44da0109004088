import type { Paginator } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import type { ListItem, QueryParams, RequestBody, SuccessBody } from '../operations';
import { type Call, type ExchangeResponse, paged, toResponse } from './caller';

export interface BatchOptions extends RequestOptions {
  /**
   * Reuse a key to make a resent batch a replay rather than a second delivery (e.g. after a crash).
   * When absent, the client generates one per call and reuses it across that call's retries.
   */
  idempotencyKey?: string;
  /**
   * `body` already serialised as JSON (text or UTF-8 bytes), when the caller has it (sync does, to derive the
   * key): sent as is instead of serialising the batch a second time.
   */
  rawBody?: string | Uint8Array;
}

export interface BatchResponse extends ExchangeResponse<SuccessBody<'batchRecords'>> {
  idempotencyKey: string;
  /** The exchange answered from its idempotency store: this batch had already been applied. */
  replayed: boolean;
  /** Attempts the batch took, the answered one included (1 when no retry was needed). */
  attempts: number;
}

/** The data of one catalogue resource: batch upsert/delete, queries and the change feed. */
export class Records {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  async batch(
    code: string,
    body: RequestBody<'batchRecords'>,
    options?: BatchOptions,
  ): Promise<BatchResponse> {
    const result = await this.#call(
      'batchRecords',
      {
        path: { code },
        body,
        rawBody: options?.rawBody,
        headers: { 'Idempotency-Key': options?.idempotencyKey },
      },
      options,
    );
    return {
      ...toResponse<'batchRecords'>(result),
      idempotencyKey: result.idempotencyKey ?? '',
      replayed: result.headers.get('idempotent-replayed') === 'true',
      attempts: result.attempts,
    };
  }

  /** Records matching `filter` equality conditions (`{ filter: { xb: '1' } }`), across pages. */
  query(
    code: string,
    query?: QueryParams<'queryRecords'>,
    options?: RequestOptions,
  ): Paginator<ListItem<'queryRecords'>> {
    return paged(this.#call, 'queryRecords', { path: { code }, query }, options);
  }

  /**
   * The change feed from `after` (the start when absent). Page with `.pages()` and keep each page's
   * `nextCursor` to resume later exactly where you stopped.
   */
  changes(
    code: string,
    query?: QueryParams<'listChanges'>,
    options?: RequestOptions,
  ): Paginator<ListItem<'listChanges'>> {
    return paged(this.#call, 'listChanges', { path: { code }, query }, options, 'after');
  }
}
