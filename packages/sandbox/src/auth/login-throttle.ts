import { addressGroup } from './address-group';
import type { ThrottleStore } from './throttle-store';

export interface LoginThrottleLimits {
  /** Failed logins for one client id (as sent, known or not) within the window. Default 10. */
  failuresPerClient: number;
  /** Failed logins from one address (an IPv6 /64), whatever the client ids, within the window. Default 50. */
  failuresPerAddress: number;
  /** Default 300 (5 minutes). */
  windowSeconds: number;
  /**
   * How long a refused login waits before its 429 is sent, doing nothing. Default 1000 ms: a guessing tool waits
   * for each answer before its next guess on that connection, so this turns a flood of cheap refusals, which
   * would still crowd the event loop, into one guess per connection per second.
   */
  refusalDelayMs: number;
}

export const defaultLoginThrottle: LoginThrottleLimits = {
  failuresPerClient: 10,
  failuresPerAddress: 50,
  windowSeconds: 300,
  refusalDelayMs: 1000,
};

/** How long an address that obtained a token for a client keeps its own failure count for that client. */
const knownAddressMs = 30 * 24 * 3600 * 1000;

export type LoginAttempt =
  | { refused: true; retryAfterSeconds: number }
  | { refused: false /** The secret was right: the attempt was no failure. */; succeeded(): Promise<void> };

/**
 * Failed logins at the token endpoint, limited per client id and per address.
 *
 * An attempt counts as a failure from the moment it starts, before its secret is checked, so that parallel guesses
 * cannot all pass the check while the first ones are still being verified; a login that succeeds takes its count
 * back. A refused attempt checks no secret and counts nothing: a guesser gets `failuresPerClient` guesses per window.
 *
 * Lock-out: failures against a client id from addresses it has not logged in from share one count, so a guesser
 * closes the client id to unknown addresses until the window passes. An address that obtained a token for this
 * client id before (remembered 30 days, in memory) counts its failures for it separately, so the owner's own hosts
 * are not locked out by someone else's guessing. The throttle is keyed by the client id as sent, whether it exists
 * or not, so its answers do not reveal which client ids exist.
 */
export function createLoginThrottle(store: ThrottleStore, limits: LoginThrottleLimits, now: () => number) {
  const windowMs = limits.windowSeconds * 1000;
  return {
    refusalDelayMs: limits.refusalDelayMs,
    async begin(clientId: string, address: string | undefined): Promise<LoginAttempt> {
      const at = now();
      const group = addressGroup(address);
      const knownKey = JSON.stringify(['known', clientId]);
      const addressKey = JSON.stringify(['address', group]);
      const clientKey = (await store.knows(knownKey, group, at))
        ? JSON.stringify(['client', clientId, group])
        : JSON.stringify(['client', clientId]);

      const addressWait = await store.reserve(addressKey, limits.failuresPerAddress, windowMs, at);
      if (addressWait !== undefined) return refused(addressWait);
      const clientWait = await store.reserve(clientKey, limits.failuresPerClient, windowMs, at);
      if (clientWait !== undefined) {
        await store.release(addressKey, at);
        return refused(clientWait);
      }
      return {
        refused: false,
        async succeeded() {
          await store.release(addressKey, at);
          await store.release(clientKey, at);
          await store.remember(knownKey, group, at, knownAddressMs);
        },
      };
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

function refused(waitMs: number): LoginAttempt {
  return { refused: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
