export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds, as `expires_in` says. */
  expiresIn: number;
}

export interface TokenCacheOptions {
  /** Refresh this long before the token expires (ms). Clamped to half the token's lifetime. */
  refreshSkewMs?: number;
  now?: () => number;
}

/**
 * Holds one bearer token and refreshes it before it expires. However many requests wait at once,
 * only one token request is in flight (single-flight); a failed refresh is not cached, so the next
 * caller tries again.
 */
export class TokenCache {
  readonly #issue: () => Promise<IssuedToken>;
  readonly #skewMs: number;
  readonly #now: () => number;
  #token: { value: string; refreshAt: number } | undefined;
  #inFlight: Promise<string> | undefined;

  constructor(issue: () => Promise<IssuedToken>, options: TokenCacheOptions = {}) {
    this.#issue = issue;
    this.#skewMs = options.refreshSkewMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  get(): Promise<string> {
    const token = this.#token;
    if (token && this.#now() < token.refreshAt) return Promise.resolve(token.value);
    this.#inFlight ??= this.#refresh();
    return this.#inFlight;
  }

  /**
   * Drops the token the server refused. Only that exact token is dropped: when fifty requests
   * fail with the same stale token, the first one's refresh must not be thrown away by the others.
   */
  invalidate(refused: string): void {
    if (this.#token?.value === refused) this.#token = undefined;
  }

  async #refresh(): Promise<string> {
    try {
      const issuedAt = this.#now();
      const { accessToken, expiresIn } = await this.#issue();
      const lifetimeMs = Math.max(0, expiresIn * 1000);
      const skew = Math.min(this.#skewMs, lifetimeMs / 2);
      this.#token = { value: accessToken, refreshAt: issuedAt + lifetimeMs - skew };
      return accessToken;
    } finally {
      this.#inFlight = undefined;
    }
  }
}
