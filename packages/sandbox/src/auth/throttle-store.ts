/**
 * Where the login throttle and the request rate limit keep their counts. This exchange keeps them in its own
 * memory; several instances behind one address would share a store implementing this interface on their database
 * (hence asynchronous, and each method one atomic step). Every method takes the time, so the exchange's injectable
 * clock drives it.
 */
export interface ThrottleStore {
  /**
   * Counts one attempt under `key` at `at`, unless `limit` attempts already fall within the `windowMs` before
   * it: then nothing is counted and the answer is how many ms until the oldest of them leaves the window.
   */
  reserve(key: string, limit: number, windowMs: number, at: number): Promise<number | undefined>;
  /** Takes back one attempt counted at `at` (a login that succeeded is no failure). */
  release(key: string, at: number): Promise<void>;
  /**
   * Takes one request from a bucket of `capacity` that refills at `capacity` per `refillMs`; when it is empty,
   * nothing is taken and the answer is how many ms until one request is allowed again.
   */
  take(key: string, capacity: number, refillMs: number, at: number): Promise<number | undefined>;
  /** Remembers `member` under `key` (an address a client logged in from) until `at + forMs`. */
  remember(key: string, member: string, at: number, forMs: number): Promise<void>;
  knows(key: string, member: string, at: number): Promise<boolean>;
}

/** Keys kept per kind of count by default: every key is attacker-chosen (a client id as sent, an address). */
export const defaultMaxKeys = 10_000;
/** Addresses remembered per client: its own hosts, not every address it ever used. */
const maxMembersPerKey = 8;

interface Window {
  /** Times of the attempts still counted, oldest first. */
  times: number[];
  windowMs: number;
}
interface Bucket {
  tokens: number;
  at: number;
  capacity: number;
  refillMs: number;
}

/** A `ThrottleStore` in this process's memory, with at most `maxKeys` keys of each kind. */
export function createMemoryThrottleStore(maxKeys = defaultMaxKeys): ThrottleStore {
  const windows = boundedMap<Window>(maxKeys, (w, at) => w.times.every((t) => t <= at - w.windowMs));
  const buckets = boundedMap<Bucket>(maxKeys, (b, at) => refilled(b, at) >= b.capacity);
  const members = boundedMap<Map<string, number>>(maxKeys, (m, at) =>
    [...m.values()].every((until) => until <= at),
  );

  return {
    async reserve(key, limit, windowMs, at) {
      const window = windows.get(key) ?? { times: [], windowMs };
      window.times = window.times.filter((t) => t > at - windowMs);
      if (window.times.length >= limit) {
        const oldest = [...window.times].sort((a, b) => a - b)[window.times.length - limit]!;
        return oldest + windowMs - at;
      }
      window.times.push(at);
      windows.set(key, window, at);
      return undefined;
    },
    async release(key, at) {
      const times = windows.get(key)?.times;
      const index = times?.lastIndexOf(at) ?? -1;
      if (index >= 0) times!.splice(index, 1);
    },
    async take(key, capacity, refillMs, at) {
      const bucket = buckets.get(key);
      const tokens = bucket ? refilled(bucket, at) : capacity;
      if (tokens < 1) return Math.ceil(((1 - tokens) * refillMs) / capacity);
      if (bucket) {
        bucket.tokens = tokens - 1;
        bucket.at = at;
      } else {
        buckets.set(key, { tokens: tokens - 1, at, capacity, refillMs }, at);
      }
      return undefined;
    },
    async remember(key, member, at, forMs) {
      const known = members.get(key) ?? new Map<string, number>();
      known.delete(member);
      known.set(member, at + forMs);
      if (known.size > maxMembersPerKey) known.delete(known.keys().next().value!);
      members.set(key, known, at);
    },
    async knows(key, member, at) {
      return (members.get(key)?.get(member) ?? 0) > at;
    },
  };
}

function refilled(bucket: Bucket, at: number): number {
  const gained = (Math.max(0, at - bucket.at) * bucket.capacity) / bucket.refillMs;
  return Math.min(bucket.capacity, bucket.tokens + gained);
}

/**
 * A Map of at most `maxKeys` entries. A new key beyond that evicts a stale entry among the oldest few (one whose
 * count no longer matters), else the oldest entry: the cost of a flood of fresh keys is that old counts are
 * forgotten early, never that memory grows.
 */
function boundedMap<V>(maxKeys: number, isStale: (value: V, at: number) => boolean) {
  const entries = new Map<string, V>();
  const evictOne = (at: number) => {
    let checked = 0;
    for (const [key, value] of entries) {
      if (isStale(value, at)) {
        entries.delete(key);
        return;
      }
      if (++checked >= 32) break;
    }
    entries.delete(entries.keys().next().value!);
  };
  return {
    get: (key: string) => entries.get(key),
    set(key: string, value: V, at: number) {
      if (!entries.has(key) && entries.size >= maxKeys) evictOne(at);
      entries.set(key, value);
    },
    get size() {
      return entries.size;
    },
  };
}
