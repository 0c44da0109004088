import type { Page } from '../core/pagination';
import { Paginator } from '../core/pagination';
import type { CallInput, CallResult, RequestOptions } from '../core/transport';
import type { ListItem, OperationId, QueryParams, SuccessBody } from '../operations';

/** What every single-call method resolves to. */
export interface ExchangeResponse<T> {
  data: T;
  status: number;
  /** The entity tag to send back as `ifMatch` on the next change. */
  etag: string | undefined;
  /** The X-Request-Id of the exchange's answer; quote it when asking the platform for help. */
  requestId: string;
  headers: Headers;
}

/** A conditional read (`ifNoneMatch`) found nothing new. */
export interface NotModified {
  notModified: true;
  status: 304;
  etag: string | undefined;
  requestId: string;
}

/** Methods that change a catalogue resource need its current entity tag. */
export interface IfMatchOptions extends RequestOptions {
  ifMatch: string;
}

export type Call = (
  operationId: OperationId,
  input: CallInput,
  options: RequestOptions | undefined,
) => Promise<CallResult>;

export function toResponse<O extends OperationId>(result: CallResult): ExchangeResponse<SuccessBody<O>> {
  return {
    data: result.data as SuccessBody<O>,
    status: result.status,
    etag: result.etag,
    requestId: result.requestId,
    headers: result.headers,
  };
}

export async function single<O extends OperationId>(
  call: Call,
  operationId: O,
  input: CallInput,
  options: RequestOptions | undefined,
): Promise<ExchangeResponse<SuccessBody<O>>> {
  return toResponse<O>(await call(operationId, input, options));
}

/**
 * A paged list as a lazy async iterable. `cursorParam` is the query name the operation uses for its
 * cursor (`cursor` for lists, `after` for the change feed).
 */
export function paged<O extends OperationId>(
  call: Call,
  operationId: O,
  input: { path?: Record<string, string>; query?: QueryParams<O> },
  options: RequestOptions | undefined,
  cursorParam = 'cursor',
): Paginator<ListItem<O>> {
  const query = (input.query ?? {}) as Record<string, unknown>;
  const start = query[cursorParam];
  return new Paginator<ListItem<O>>(
    async (cursor): Promise<Page<ListItem<O>>> => {
      const result = await call(
        operationId,
        { path: input.path, query: { ...query, [cursorParam]: cursor } },
        options,
      );
      const body = result.data as { items?: ListItem<O>[]; nextCursor?: string | null } | undefined;
      return { items: body?.items ?? [], nextCursor: body?.nextCursor ?? null, requestId: result.requestId };
    },
    typeof start === 'string' ? start : undefined,
  );
}
