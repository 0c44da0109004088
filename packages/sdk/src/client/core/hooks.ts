import type { BeforeRequestHook, Hooks } from 'ky';
import { untilAborted } from './abort';
import { credentialHeaders } from './auth';
import { type CallState, errorContext } from './call';
import { sendAsBuilt } from './ky-fetch';

/** The call an attempt belongs to (see `CallState`), from ky's `context` option. */
export function callOf(options: { context: Record<string, unknown> }): CallState {
  return options.context.call as CallState;
}

/**
 * First hook of every attempt: counts it, puts the call's Idempotency-Key on it (one key per call,
 * generated when the operation requires one and the caller gave none, reused by every attempt: that
 * is what makes a retried POST safe), and tells `onRequest`; no credential is in the request yet.
 */
function prepareAttempt(request: Request, call: CallState, retryCount: number): void {
  call.attempts += 1;
  // Ky repeats the request as last sent: the previous attempt's credentials are dropped, not shown to hooks.
  if (call.auth && retryCount > 0) for (const name of credentialHeaders) request.headers.delete(name);
  if (call.idempotencyKey === undefined && call.operation.idempotencyKey) {
    call.idempotencyKey = globalThis.crypto.randomUUID();
  }
  if (call.idempotencyKey !== undefined) request.headers.set('Idempotency-Key', call.idempotencyKey);
  if (call.onRequest) {
    const { operation, method, requestId, attempts } = call;
    const url = errorContext(call).url as string;
    call.onRequest({ operationId: operation.operationId, method, url, requestId, attempt: attempts });
  }
}

/**
 * The credentials. Applied per attempt, because a signature's nonce is single-use and a token may
 * have been refreshed while the call waited.
 */
const authorize = async (request: Request, options: { context: Record<string, unknown> }) => {
  const call = callOf(options);
  if (!call.auth) return;
  const signable =
    request.url === call.url ? call.signable : { ...call.signable, pathWithQuery: pathOf(request.url) };
  const applied = call.auth.apply(request.headers, signable);
  call.token = call.signal ? await untilAborted(applied, call.signal, errorContext(call)) : await applied;
};

/** Last hook of every attempt: the credentials, then the request handed to ky's fetch as the client built it. */
async function authorizeAndSend(request: Request, options: { context: Record<string, unknown> }) {
  await authorize(request, options);
  sendAsBuilt(request, callOf(options).signable.body);
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/**
 * A user's hook runs before the credentials are added, so it never sees them. One that hands back a
 * new Request ends ky's chain of hooks: that request is given its credentials here instead.
 */
function beforeCredentials(hook: BeforeRequestHook): BeforeRequestHook {
  return async (request, options, state) => {
    const result = await hook(request, options, state);
    if (result instanceof Request) await authorize(result, options);
    return result;
  };
}

/** The client's hooks around the user's: keys and events first, the user's hooks, credentials last. */
export function clientHooks(userHooks: Hooks | undefined): Hooks {
  const userBefore = userHooks?.beforeRequest ?? [];
  // Ky awaits each hook in turn: without hooks of the caller's, the client's two run as one.
  const prepare: BeforeRequestHook = (request, options, { retryCount }) =>
    prepareAttempt(request, callOf(options), retryCount);
  const beforeRequest: BeforeRequestHook[] =
    userBefore.length === 0
      ? [
          (request, options, { retryCount }) => {
            prepareAttempt(request, callOf(options), retryCount);
            return authorizeAndSend(request, options);
          },
        ]
      : [prepare, ...userBefore.map(beforeCredentials), authorizeAndSend];
  return { ...userHooks, beforeRequest };
}
