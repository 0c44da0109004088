import type { Hooks as KyHooks } from 'ky';
import { type Authenticator, createAuthenticator, type ExchangeAuth } from './core/auth';
import { defaultValidateResponses } from './core/environment';
import type { RetryOptions } from './core/retry';
import { type CallInput, createTransport, type RequestEvent, type RequestOptions } from './core/transport';
import { describeOperation } from './descriptors';
import type { OperationId, OperationInput, SuccessBody } from './operations';
import { checkClientOptions } from './options';
import { Audit } from './resources/audit';
import { type Call, type ExchangeResponse, single } from './resources/caller';
import { CatalogResources } from './resources/catalog';
import { Clients } from './resources/clients';
import { CodeSets } from './resources/codesets';
import { Departments } from './resources/departments';
import { Quality } from './resources/quality';
import { Records } from './resources/records';
import { Retention } from './resources/retention';
import { ShareRequests } from './resources/share-requests';

export interface ExchangeClientOptions {
  /** Where the exchange listens, e.g. `http://127.0.0.1:7300` (paths add `/v1/...`); http or https only. */
  baseUrl: string;
  /** Credentials. Without them only the anonymous operations (health, receipt keys) can be called. */
  auth?: ExchangeAuth;
  /** Per-attempt timeout in ms. Default 30,000. */
  timeout?: number;
  /** Retry policy, a retry limit, or `false`. Default: 2 retries with backoff and jitter. */
  retry?: RetryOptions | number | false;
  /** Check every answer against the contract's schemas. Default: on unless NODE_ENV is `production`. */
  validateResponses?: boolean;
  /**
   * A fetch implementation (tests, proxies, instrumentation), given to ky. Default: the global fetch.
   * It is called with a Request, or with a URL and an init that carries method, headers, body and signal.
   */
  fetch?: typeof globalThis.fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Called before every attempt, with no credentials in sight: handy for logging and tracing. */
  onRequest?: (event: RequestEvent) => void;
  /**
   * Ky hooks of your own (logging, tracing headers, proxies), run by the client's ky instance. Your
   * `beforeRequest` hooks run before the credentials are added: they never see a token or signature.
   * Change neither the path nor the body there: an HMAC signature covers both.
   */
  hooks?: KyHooks;
}

export interface ExchangeClient {
  readonly catalog: CatalogResources;
  readonly records: Records;
  readonly codesets: CodeSets;
  readonly departments: Departments;
  /** The authority's: add, rotate, revoke and list the departments' clients. */
  readonly clients: Clients;
  readonly shareRequests: ShareRequests;
  readonly quality: Quality;
  readonly audit: Audit;
  /** The authority's: erase a data subject, compact the change feed to the retention window. */
  readonly retention: Retention;
  /** The Ed25519 public keys that sign batch receipts (JWKS). */
  receiptKeys(options?: RequestOptions): Promise<ExchangeResponse<SuccessBody<'getReceiptKeys'>>>;
  health(options?: RequestOptions): Promise<ExchangeResponse<SuccessBody<'getHealth'>>>;
  /**
   * Revokes an access token (RFC 7009): from now on it answers 401 on every instance. The client authenticates with
   * `credentials`, by default this client's own (`clientCredentials` or `hmac` auth: id and secret). Resolves alike
   * whether or not the exchange knew the token. When it is the token this client holds, the client drops it and
   * fetches a new one for its next call.
   */
  revokeToken(
    token: string,
    credentials?: { clientId: string; clientSecret: string },
    options?: RequestOptions,
  ): Promise<void>;
  /** Any operation of the contract by its operationId: the escape hatch under the methods above. */
  request<O extends OperationId>(
    operationId: O,
    input?: OperationInput<O>,
    options?: RequestOptions,
  ): Promise<ExchangeResponse<SuccessBody<O>>>;
}

/** Throws ExchangeConfigError, naming the option, when the options cannot work (see options.ts). */
export function createExchangeClient(givenOptions: ExchangeClientOptions): ExchangeClient {
  const options = checkClientOptions(givenOptions);
  const baseUrl = options.baseUrl;
  let authenticator: Authenticator | undefined;
  const transport = createTransport(
    {
      baseUrl,
      timeout: options.timeout ?? 30_000,
      retry: options.retry,
      validateResponses: options.validateResponses ?? defaultValidateResponses(),
      fetch: options.fetch,
      headers: options.headers,
      onRequest: options.onRequest,
      hooks: options.hooks,
    },
    () => authenticator as Authenticator,
  );
  authenticator = createAuthenticator(options.auth, async (auth) => {
    const operation = describeOperation('issueToken');
    const result = await transport(
      { ...operation, repeatable: true, ...(auth.tokenUrl ? { path: auth.tokenUrl } : {}) },
      {
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: auth.clientId,
          client_secret: auth.clientSecret,
        }),
      },
      undefined,
    );
    const token = result.data as SuccessBody<'issueToken'>;
    return { accessToken: token.access_token, expiresIn: token.expires_in };
  });

  const call: Call = (operationId, input, callOptions) =>
    transport(describeOperation(operationId), input, callOptions);

  return {
    catalog: new CatalogResources(call),
    records: new Records(call),
    codesets: new CodeSets(call),
    departments: new Departments(call),
    clients: new Clients(call),
    shareRequests: new ShareRequests(call),
    quality: new Quality(call),
    audit: new Audit(call),
    retention: new Retention(call),
    receiptKeys: (requestOptions) => single(call, 'getReceiptKeys', {}, requestOptions),
    health: (requestOptions) => single(call, 'getHealth', {}, requestOptions),
    async revokeToken(token, credentials, requestOptions) {
      const own = options.auth;
      const client = credentials ?? (own && { clientId: own.clientId, clientSecret: own.clientSecret });
      if (!client)
        throw new TypeError(
          'revokeToken needs client credentials: give them, or create the client with auth',
        );
      const body = new URLSearchParams({
        token,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      });
      try {
        await call('revokeToken', { body }, requestOptions);
      } finally {
        // The token this client cached, if that is the one: the next call fetches a new one instead of sending a
        // revoked token (a 401 and a refusal in the exchange's audit log). Dropped even when the answer was lost.
        authenticator?.refuse(token);
      }
    },
    request: (operationId, input = {}, requestOptions) =>
      single(call, operationId, input as CallInput, requestOptions),
  };
}
