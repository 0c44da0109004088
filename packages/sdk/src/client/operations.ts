import type { components, operations } from '../generated';

/**
 * Type-level views of the generated contract. Every shape the client exposes is looked up here
 * from the OpenAPI document's generated types; none is written by hand.
 */
export type OperationId = keyof operations;
export type Schemas = components['schemas'];
export type ProblemDetails = Schemas['Problem'];

type Parameters<O extends OperationId> = operations[O]['parameters'];

export type QueryParams<O extends OperationId> =
  Parameters<O> extends { query?: infer Q } ? NonNullable<Q> : never;

export type PathParams<O extends OperationId> = Parameters<O> extends { path: infer P } ? P : never;

type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type RequestBody<O extends OperationId> = operations[O] extends {
  requestBody?: infer R;
}
  ? JsonContent<NonNullable<R>>
  : never;

type Responses<O extends OperationId> = operations[O]['responses'];

/** The JSON body of the operation's 2xx answer. */
export type SuccessBody<O extends OperationId> = {
  [S in keyof Responses<O>]: S extends 200 | 201 | 202 | '200' | '201' | '202'
    ? JsonContent<Responses<O>[S]>
    : never;
}[keyof Responses<O>];

/** The item type of a paged list operation. */
export type ListItem<O extends OperationId> = SuccessBody<O> extends { items: Array<infer I> } ? I : never;

/** The input of any operation, for `client.request(operationId, input)`. */
export interface OperationInput<O extends OperationId> {
  path?: PathParams<O>;
  query?: QueryParams<O>;
  body?: RequestBody<O>;
  /** Contract headers such as `If-Match` or `Idempotency-Key`. */
  headers?: Record<string, string | undefined>;
}
