import { defaultMaxKeys, type ThrottleStore } from '../../auth/throttle-store';
import { inTransaction, type PgClient, type PgPool } from './pool';

/** Addresses remembered per client, as in the memory store: its own hosts, not every address it ever used. */
const maxMembersPerKey = 8;
/** Calls (of this instance) between two purges of stale and surplus rows. */
const defaultPurgeEvery = 256;

export interface PgThrottleOptions {
  /** Rows kept per table (kind of count) at most, after a purge; the oldest created go first. */
  maxKeys?: number;
  /** A purge runs after every `purgeEvery`-th call of this instance. */
  purgeEvery?: number;
}

type Pair = [member: string, until: number];

/**
 * The `ThrottleStore` on PostgreSQL, so that every instance on the database counts the same login failures and
 * the same request rates. Each method is one statement or one transaction holding the key's row lock. Keys are
 * attacker-chosen: every `purgeEvery` calls, rows whose counts no longer matter are deleted, then the oldest
 * rows beyond `maxKeys` per table (as the memory store forgets its oldest entries), so the tables stay bounded.
 */
export function createPgThrottleStore(pool: PgPool, options: PgThrottleOptions = {}): ThrottleStore {
  const maxKeys = options.maxKeys ?? defaultMaxKeys;
  const purgeEvery = options.purgeEvery ?? defaultPurgeEvery;
  let calls = 0;
  const counted = async <T>(at: number, result: T): Promise<T> => {
    calls += 1;
    if (calls % purgeEvery === 0) await purge(pool, at, maxKeys).catch(() => {});
    return result;
  };

  return {
    async reserve(key, limit, windowMs, at) {
      const wait = await inTransaction(pool, async (client) => {
        const stored = await lockRow<number[]>(client, 'throttle_windows', key);
        const times = stored.filter((t) => t > at - windowMs);
        if (times.length >= limit) {
          const oldest = [...times].sort((a, b) => a - b)[times.length - limit]!;
          return oldest + windowMs - at;
        }
        times.push(at);
        await saveRow(client, 'throttle_windows', key, times, Math.max(...times) + windowMs);
        return undefined;
      });
      return counted(at, wait);
    },
    async release(key, at) {
      await inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ state: number[]; stale_at: number }>(
          'SELECT state, stale_at FROM throttle_windows WHERE key = $1 FOR UPDATE',
          [key],
        );
        const row = rows[0];
        const index = row ? row.state.lastIndexOf(at) : -1;
        if (!row || index < 0) return;
        row.state.splice(index, 1);
        await saveRow(client, 'throttle_windows', key, row.state, row.stale_at);
      });
      return counted(at, undefined);
    },
    async take(key, capacity, refillMs, at) {
      return counted(at, await takeToken(pool, key, capacity, refillMs, at));
    },
    async remember(key, member, at, forMs) {
      await inTransaction(pool, async (client) => {
        const known = (await lockRow<Pair[]>(client, 'throttle_members', key)).filter(([m]) => m !== member);
        known.push([member, at + forMs]);
        if (known.length > maxMembersPerKey) known.shift();
        await saveRow(client, 'throttle_members', key, known, Math.max(...known.map(([, until]) => until)));
      });
      return counted(at, undefined);
    },
    async knows(key, member, at) {
      const { rows } = await pool.query<{ state: Pair[] }>(
        'SELECT state FROM throttle_members WHERE key = $1',
        [key],
      );
      const until = rows[0]?.state.find(([m]) => m === member)?.[1] ?? 0;
      return counted(at, until > at);
    },
  };
}

type ListTable = 'throttle_windows' | 'throttle_members';

/** The key's row, created empty when missing, locked until the transaction ends; its state. */
async function lockRow<T>(client: PgClient, table: ListTable, key: string): Promise<T> {
  // The no-op update takes the row lock and returns the stored state in the same statement.
  const { rows } = await client.query<{ state: T }>(
    `INSERT INTO ${table} AS t (key, state, stale_at) VALUES ($1, '[]'::jsonb, 0)
     ON CONFLICT (key) DO UPDATE SET key = t.key RETURNING state`,
    [key],
  );
  return rows[0]!.state;
}

async function saveRow(client: PgClient, table: ListTable, key: string, state: unknown, staleAt: number) {
  await client.query(`UPDATE ${table} SET state = $2::jsonb, stale_at = $3 WHERE key = $1`, [
    key,
    JSON.stringify(state),
    staleAt,
  ]);
}

/** The tokens of bucket `b` at the time in parameter `at`, as the memory store computes them (the same float
 * operations in the same order). */
const refilledAt = (at: string) =>
  `LEAST(b.capacity, b.tokens + GREATEST(0, ${at}::bigint - b.at) * b.capacity / b.refill_ms)`;

/**
 * One statement takes a token: it creates a full bucket less one, or refills the stored one and takes a token
 * if one is there (the conflicting row stays locked either way). Only a refusal reads the bucket again, to say
 * how long to wait.
 */
async function takeToken(pool: PgPool, key: string, capacity: number, refillMs: number, at: number) {
  const taken = await pool.query(
    `INSERT INTO throttle_buckets AS b (key, tokens, at, capacity, refill_ms)
     VALUES ($1, $2::float8 - 1, $3::bigint, $2::float8, $4::float8)
     ON CONFLICT (key) DO UPDATE SET tokens = ${refilledAt('$3')} - 1, at = $3::bigint
     WHERE ${refilledAt('$3')} >= 1
     RETURNING tokens`,
    [key, capacity, at, refillMs],
  );
  if (taken.rowCount === 1) return undefined;
  const { rows } = await pool.query<{ tokens: number }>(
    `SELECT ${refilledAt('$2')} AS tokens FROM throttle_buckets b WHERE key = $1`,
    [key, at],
  );
  const tokens = rows[0]?.tokens ?? capacity;
  return Math.max(1, Math.ceil(((1 - tokens) * refillMs) / capacity));
}

/** Deletes the rows whose counts no longer matter at `at`, then the oldest beyond `maxKeys` in each table. */
async function purge(pool: PgPool, at: number, maxKeys: number): Promise<void> {
  await pool.query('DELETE FROM throttle_windows WHERE stale_at <= $1', [at]);
  await pool.query('DELETE FROM throttle_members WHERE stale_at <= $1', [at]);
  await pool.query(`DELETE FROM throttle_buckets b WHERE ${refilledAt('$1')} >= b.capacity`, [at]);
  for (const table of ['throttle_windows', 'throttle_buckets', 'throttle_members']) {
    await pool.query(
      `DELETE FROM ${table} WHERE id < (SELECT id FROM ${table} ORDER BY id DESC OFFSET $1 LIMIT 1)`,
      [maxKeys - 1],
    );
  }
}
