import type { ZodType } from 'zod';
import { ExchangeHttpError } from '../client';
import { type OperationId, operationMap } from '../generated/operations';

/** Fails a check with a message naming what was expected and what came. */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Checks an answer is an RFC 9457 problem with this status: problem+json with type, title, status and code. */
export async function expectProblemResponse(
  response: Response,
  status: number,
  what: string,
): Promise<string> {
  expectEqual(response.status, status, `${what} status`);
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`${what}: content-type ${type}`);
  const body = (await response.json()) as Record<string, unknown>;
  for (const member of ['type', 'title', 'code'] as const) {
    if (typeof body[member] !== 'string') throw new Error(`${what}: problem without a string ${member}`);
  }
  expectEqual(body.status, status, `${what} problem status`);
  return body.code as string;
}

/** Awaits a client call that must be refused with this status; returns the problem's code. */
export async function expectRefused(call: Promise<unknown>, status: number, what: string): Promise<string> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error === undefined) throw new Error(`${what}: expected ${status}, the exchange accepted it`);
  if (!(error instanceof ExchangeHttpError)) throw error;
  expectEqual(error.status, status, `${what} status`);
  return error.code;
}

/**
 * Checks a raw answer against the contract: its status is one the operation declares, and its JSON body matches
 * that status's generated schema. Returns the parsed body.
 */
export async function expectContractAnswer(
  operationId: OperationId,
  response: Response,
  status: number,
  what: string,
): Promise<unknown> {
  expectEqual(response.status, status, `${what} status`);
  const schema = operationMap[operationId].responses[String(status) as never] as ZodType | null | undefined;
  if (schema === undefined) throw new Error(`${what}: ${operationId} does not declare the status ${status}`);
  if (schema === null) return undefined;
  const body: unknown = await response.json();
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${what}: the answer does not match the contract at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return body;
}
