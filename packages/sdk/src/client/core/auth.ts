import { createHmacSigner } from '../auth/hmac';
import { type IssuedToken, TokenCache } from '../auth/token-cache';

export interface ClientCredentialsAuth {
  type: 'clientCredentials';
  clientId: string;
  clientSecret: string;
  /** Defaults to `<baseUrl>/v1/oauth/token`. */
  tokenUrl?: string;
  /** Refresh this long before expiry (ms). Default 30,000. */
  refreshSkewMs?: number;
}

export interface HmacAuth {
  type: 'hmac';
  clientId: string;
  clientSecret: string;
}

export type ExchangeAuth = ClientCredentialsAuth | HmacAuth;

export interface SignableRequest {
  method: string;
  pathWithQuery: string;
  body: string | undefined;
}

/** Puts credentials on one attempt of a request. */
export interface Authenticator {
  /** Returns the bearer token it used, so a refused token can be dropped. */
  apply(headers: Headers | Record<string, string>, request: SignableRequest): Promise<string | undefined>;
  /** Forget a token the server refused; the next `apply` fetches a fresh one. */
  refuse(token: string): void;
  readonly refreshesTokens: boolean;
}

function setHeader(headers: Headers | Record<string, string>, name: string, value: string): void {
  if (headers instanceof Headers) headers.set(name, value);
  else headers[name] = value;
}

export function createAuthenticator(
  auth: ExchangeAuth | undefined,
  issueToken: (auth: ClientCredentialsAuth) => Promise<IssuedToken>,
): Authenticator {
  if (!auth) return { apply: async () => undefined, refuse: () => {}, refreshesTokens: false };
  if (auth.type === 'hmac') {
    const sign = createHmacSigner(auth.clientId, auth.clientSecret);
    return {
      refreshesTokens: false,
      refuse: () => {},
      async apply(headers, request) {
        for (const [name, value] of Object.entries(await sign(request))) setHeader(headers, name, value);
        return undefined;
      },
    };
  }
  if (auth.type === 'clientCredentials') {
    const tokens = new TokenCache(() => issueToken(auth), { refreshSkewMs: auth.refreshSkewMs });
    return {
      refreshesTokens: true,
      refuse: (token) => tokens.invalidate(token),
      async apply(headers) {
        const token = await tokens.get();
        setHeader(headers, 'Authorization', `Bearer ${token}`);
        return token;
      },
    };
  }
  throw new TypeError(
    `Unknown auth type "${(auth as { type?: unknown }).type}"; use "clientCredentials" or "hmac" (不支持的认证方式)`,
  );
}
