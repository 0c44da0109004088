import { createHmacSigner } from '../auth/hmac';
import { type IssuedToken, TokenCache } from '../auth/token-cache';
import { missingAuthError } from '../options';

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
  body: string | Uint8Array | undefined;
}

/** Puts credentials on one attempt of a request. */
export interface Authenticator {
  /** Returns the bearer token it used, so a refused token can be dropped. */
  apply(headers: Headers | Record<string, string>, request: SignableRequest): Promise<string | undefined>;
  /** Forget a token the server refused; the next `apply` fetches a fresh one. */
  refuse(token: string): void;
  /** The credentials in play (the secret, recent tokens or signatures), to be redacted from error texts. */
  secrets(): readonly string[];
}

/** Every header `apply` may set: a bearer token, or the four of an HMAC signature. */
export const credentialHeaders = [
  'authorization',
  'x-client-id',
  'x-timestamp',
  'x-nonce',
  'x-signature',
] as const;

/** Recent tokens kept for redaction: a refused token may be quoted back in the refusal. */
const rememberedTokens = 4;
/** Recent signatures kept for redaction, one per attempt: enough for the attempts in flight at once. */
const rememberedSignatures = 32;

function remember(recent: string[], value: string, limit: number): void {
  recent.unshift(value);
  recent.length = Math.min(recent.length, limit);
}

function setHeader(headers: Headers | Record<string, string>, name: string, value: string): void {
  if (headers instanceof Headers) headers.set(name, value);
  else headers[name] = value;
}

export function createAuthenticator(
  auth: ExchangeAuth | undefined,
  issueToken: (auth: ClientCredentialsAuth) => Promise<IssuedToken>,
): Authenticator {
  if (!auth) {
    // Nothing is sent: the server's 401 would only say what the caller's options already show.
    return { apply: () => Promise.reject(missingAuthError()), refuse: () => {}, secrets: () => [] };
  }
  if (auth.type === 'hmac') {
    const sign = createHmacSigner(auth.clientId, auth.clientSecret);
    const recent: string[] = [];
    return {
      refuse: () => {},
      secrets: () => [auth.clientSecret, ...recent],
      async apply(headers, request) {
        const signed = await sign(request);
        remember(recent, signed['X-Signature'], rememberedSignatures);
        for (const [name, value] of Object.entries(signed)) setHeader(headers, name, value);
        return undefined;
      },
    };
  }
  if (auth.type === 'clientCredentials') {
    const recent: string[] = [];
    const tokens = new TokenCache(
      async () => {
        const issued = await issueToken(auth);
        remember(recent, issued.accessToken, rememberedTokens);
        return issued;
      },
      { refreshSkewMs: auth.refreshSkewMs },
    );
    return {
      refuse: (token) => tokens.invalidate(token),
      secrets: () => [auth.clientSecret, ...recent],
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
