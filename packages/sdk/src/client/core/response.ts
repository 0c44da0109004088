import type { z } from 'zod';
import { ExchangeValidationError, type ResponseIssue } from '../errors/ExchangeValidationError';
import { type CallState, errorContext } from './call';
import type { CallResult } from './transport';

/** Reads a successful answer: JSON parsed, checked against the contract's schema when asked. */
export function readSuccess(
  call: CallState,
  response: Response,
  text: string,
  validate: boolean,
): CallResult {
  const requestId = response.headers.get('x-request-id') ?? call.requestId;
  let data: unknown;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ExchangeValidationError(
        response.status,
        [{ path: '', code: 'invalid_json', message: 'Response body is not JSON (响应体不是 JSON)' }],
        { ...errorContext(call), requestId },
      );
    }
  }
  if (validate && response.status !== 304) {
    const schema = call.operation.responses[String(response.status)];
    if (schema) {
      const result = schema.safeParse(data);
      if (!result.success) {
        throw new ExchangeValidationError(response.status, result.error.issues.map(toIssue), {
          ...errorContext(call),
          requestId,
        });
      }
      data = result.data;
    }
  }
  return {
    status: response.status,
    data,
    headers: response.headers,
    requestId,
    etag: response.headers.get('etag') ?? undefined,
    idempotencyKey: call.idempotencyKey,
    attempts: call.attempts,
  };
}

function toIssue(issue: z.core.$ZodIssue): ResponseIssue {
  return { path: issue.path.map(String).join('.'), code: issue.code, message: issue.message };
}
