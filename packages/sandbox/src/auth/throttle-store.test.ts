import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinDir, type RunningPostgres, startPostgres } from '../../../../test/helpers/postgres';
import { migratePg } from '../storage/pg/migrate';
import { createPgThrottleStore } from '../storage/pg/pg-throttle';
import { createPgPool, type PgPool } from '../storage/pg/pool';
import { addressGroup, plainAddress } from './address-group';
import { createMemoryThrottleStore, type ThrottleStore } from './throttle-store';

// One PostgreSQL cluster for the file, a fresh database per store (skipped where PostgreSQL is not installed,
// never in CI).
const withPostgres = postgresBinDir() !== undefined || process.env.CI !== undefined;
let cluster: RunningPostgres | undefined;
const pools: PgPool[] = [];
let databases = 0;
beforeAll(async () => {
  if (withPostgres) cluster = await startPostgres();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  cluster?.stop();
});

async function pgStore(maxKeys?: number): Promise<ThrottleStore> {
  databases += 1;
  const pool = createPgPool(cluster!.createDatabase(`throttle_${databases}`));
  pools.push(pool);
  await migratePg(pool);
  // Purging after every call makes the bound as tight as the memory store's.
  return createPgThrottleStore(pool, { purgeEvery: 1, ...(maxKeys ? { maxKeys } : {}) });
}

const stores: Array<[string, (maxKeys?: number) => Promise<ThrottleStore>]> = [
  ['in memory', async (maxKeys) => createMemoryThrottleStore(maxKeys)],
  ...(withPostgres ? [['on PostgreSQL', pgStore] as [string, typeof pgStore]] : []),
];

describe.each(stores)('the throttle store %s', (_name, createStore) => {
  it('counts attempts in a sliding window and says how long until one leaves it', async () => {
    const store = await createStore();
    const first: Array<number | undefined> = [];
    for (const at of [0, 1000, 2000]) first.push(await store.reserve('k', 3, 10_000, at));
    expect(first).toEqual([undefined, undefined, undefined]);
    expect(await store.reserve('k', 3, 10_000, 4000)).toBe(6000);
    await store.release('k', 1000);
    expect(await store.reserve('k', 3, 10_000, 4000)).toBeUndefined();
    // At 10 s the attempt of 0 s has left the window; at 11 s the window is full again until 12 s.
    expect(await store.reserve('k', 3, 10_000, 10_000)).toBeUndefined();
    expect(await store.reserve('k', 3, 10_000, 11_000)).toBe(1000);
    expect(await store.reserve('k', 3, 10_000, 12_000)).toBeUndefined();
  });

  it('refills a request bucket continuously and says how long until the next request', async () => {
    const store = await createStore();
    const taken: Array<number | undefined> = [];
    for (let i = 0; i < 7; i++) taken.push(await store.take('c', 6, 60_000, 0));
    expect(taken).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, 10_000]);
    expect(await store.take('c', 6, 60_000, 5000)).toBe(5000);
    expect(await store.take('c', 6, 60_000, 10_000)).toBeUndefined();
  });

  it('holds at most maxKeys keys: a flood of new keys forgets the oldest counts, stale ones first', async () => {
    const store = await createStore(2);
    expect(await store.reserve('old', 1, 10_000, 0)).toBeUndefined();
    expect(await store.reserve('kept', 1, 10_000, 20_000)).toBeUndefined();
    // 'old' is stale at 20 s and goes first; 'kept' is still counted.
    expect(await store.reserve('new', 1, 10_000, 20_000)).toBeUndefined();
    expect(await store.reserve('kept', 1, 10_000, 20_000)).toBe(10_000);
    // Nothing stale: the oldest entry ('kept') is forgotten to make room.
    expect(await store.reserve('newer', 1, 10_000, 20_000)).toBeUndefined();
    expect(await store.reserve('kept', 1, 10_000, 20_000)).toBeUndefined();
  });

  it('remembers a few members per key until they expire', async () => {
    const store = await createStore();
    for (let i = 0; i < 9; i++) await store.remember('client', `10.0.0.${i}`, 0, 1000);
    expect(await store.knows('client', '10.0.0.0', 1)).toBe(false);
    expect(await store.knows('client', '10.0.0.8', 999)).toBe(true);
    expect(await store.knows('client', '10.0.0.8', 1000)).toBe(false);
  });
});

describe('addresses', () => {
  it('group IPv6 addresses by /64 and write IPv4-mapped ones as IPv4', () => {
    expect(plainAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressGroup('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressGroup('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressGroup('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:1::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe.runIf(withPostgres)('the throttle store on PostgreSQL, shared by two instances', () => {
  it('counts the attempts and requests of both instances together, also when they race', async () => {
    databases += 1;
    const url = cluster!.createDatabase(`throttle_${databases}`);
    const [one, two] = [createPgPool(url), createPgPool(url)];
    pools.push(one, two);
    await migratePg(one);
    const [first, second] = [createPgThrottleStore(one), createPgThrottleStore(two)];

    const reserved = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second).reserve('k', 6, 10_000, 1000)),
    );
    expect(reserved.filter((wait) => wait === undefined)).toHaveLength(6);
    expect(reserved.filter((wait) => wait === 10_000)).toHaveLength(4);

    const taken = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second).take('c', 6, 60_000, 0)),
    );
    expect(taken.filter((wait) => wait === undefined)).toHaveLength(6);
    expect(taken.filter((wait) => wait === 10_000)).toHaveLength(4);

    await first.remember('known', '10.0.0.1', 0, 1000);
    expect(await second.knows('known', '10.0.0.1', 500)).toBe(true);
  });
});
