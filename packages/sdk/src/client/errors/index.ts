export { ExchangeAbortError } from './ExchangeAbortError';
export { type ConfigIssue, ExchangeConfigError } from './ExchangeConfigError';
export { ExchangeError, type ExchangeErrorContext } from './ExchangeError';
export { ExchangeHttpError } from './ExchangeHttpError';
export { ExchangeNetworkError } from './ExchangeNetworkError';
export { ExchangeTimeoutError } from './ExchangeTimeoutError';
export { ExchangeValidationError, type ResponseIssue } from './ExchangeValidationError';
