export type { Hooks as KyHooks } from 'ky';
export type { ClientCredentialsAuth, ExchangeAuth, HmacAuth } from './core/auth';
export type { Page } from './core/pagination';
export { Paginator } from './core/pagination';
export { clientRetry, type RetryOptions, syncRetry } from './core/retry';
export type { CallInput, RequestEvent, RequestOptions } from './core/transport';
export { createExchangeClient, type ExchangeClient, type ExchangeClientOptions } from './create-client';
export * from './errors';
export type {
  ListItem,
  OperationId,
  OperationInput,
  PathParams,
  ProblemDetails,
  QueryParams,
  RequestBody,
  SuccessBody,
} from './operations';
export * from './receipts';
export type { ExchangeResponse, IfMatchOptions, NotModified } from './resources/caller';
export type { Resource } from './resources/catalog';
export type { BatchOptions, BatchResponse } from './resources/records';
