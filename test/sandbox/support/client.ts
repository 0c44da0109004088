import { createExchangeClient, type ExchangeClient, ExchangeHttpError } from '@unsilo/sdk';
import { expect } from 'vitest';
import { credentialsOf, type DemoDepartment } from './demo';

/** The SDK client of a demo department, over real HTTP, with bearer tokens (default) or HMAC signing. */
export function clientFor(
  baseUrl: string,
  department: DemoDepartment,
  auth: 'bearer' | 'hmac' = 'bearer',
): ExchangeClient {
  const { clientId, clientSecret } = credentialsOf(department);
  return createExchangeClient({
    baseUrl,
    auth:
      auth === 'bearer'
        ? { type: 'clientCredentials', clientId, clientSecret }
        : { type: 'hmac', clientId, clientSecret },
    retry: false,
    validateResponses: true,
  });
}

/** Awaits a call that must fail with a problem of this status and code. */
export async function expectProblem(
  call: Promise<unknown>,
  status: number,
  code: string,
): Promise<ExchangeHttpError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${status} ${code}`).toBeInstanceOf(ExchangeHttpError);
  const http = error as ExchangeHttpError;
  expect({ status: http.status, code: http.problem.code }).toEqual({ status, code });
  expect(http.problem.requestId).toBeTruthy();
  expect(http.problem.zh).toBeTruthy();
  return http;
}
