export { ExchangeAbortError } from './ExchangeAbortError';
export { ExchangeError, type ExchangeErrorContext } from './ExchangeError';
export { ExchangeHttpError } from './ExchangeHttpError';
export { ExchangeNetworkError } from './ExchangeNetworkError';
export { ExchangeTimeoutError } from './ExchangeTimeoutError';
export { ExchangeValidationError, type ResponseIssue } from './ExchangeValidationError';
