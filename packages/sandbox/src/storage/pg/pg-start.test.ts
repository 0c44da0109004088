import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithPostgres } from '../../../../../test/helpers/describe-with-postgres';
import { type RunningPostgres, startPostgres } from '../../../../../test/helpers/postgres';
import { SealingKeyError } from '../../auth/sealing-key';
import { demoSeedFile, readSeedFile } from '../../seed/seed-file';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../start-sandbox';
import { createPgPool } from './pool';

const demo = readSeedFile(demoSeedFile);
const gongan = demo.departments.find((d) => d.id === 'gongan')!.clients[0]!;

async function token(url: string): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${url}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: gongan.clientId,
      client_secret: gongan.clientSecret,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  return { status: response.status, token: body.access_token };
}

async function me(url: string, bearer: string): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${bearer}` } });
  const body = (await response.json()) as { id?: string };
  return { status: response.status, id: body.id };
}

/** Every sealed secret and the schema version of a database: what a refused start must leave as it was. */
async function snapshot(url: string): Promise<unknown> {
  const pool = createPgPool(url);
  try {
    const clients = await pool.query(
      'SELECT client_id, hmac_key_sealed, secret_hash FROM clients ORDER BY 1',
    );
    const keys = await pool.query('SELECT kid, private_key_sealed FROM receipt_keys ORDER BY seq');
    const versions = await pool.query('SELECT version FROM schema_version ORDER BY 1');
    return { clients: clients.rows, keys: keys.rows, versions: versions.rows };
  } finally {
    await pool.end();
  }
}

describeWithPostgres('startSandbox on PostgreSQL', () => {
  let cluster: RunningPostgres;
  let databases = 0;
  const running: RunningSandbox[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(running.map((sandbox) => sandbox.close()));
    cluster?.stop();
  });

  /** A fresh database's URL, with a password in it that the trusting test server never asks for. */
  function freshDatabase(): string {
    databases += 1;
    const url = cluster.createDatabase(`start_${databases}`);
    return url.replace('postgres@', 'postgres:hunter2-secret@');
  }
  async function start(options: SandboxOptions): Promise<RunningSandbox> {
    const sandbox = await startSandbox(options);
    running.push(sandbox);
    return sandbox;
  }

  it('seeds a fresh database once; a second instance on it shares its clients and tokens', async () => {
    const databaseUrl = freshDatabase();
    const sealingKey = randomBytes(32);
    const first = await start({ databaseUrl, sealingKey });
    expect(first.backend).toBe('postgres');
    expect(first.db).toBeUndefined();
    expect(first.dataFile).toBe(databaseUrl.replace(':hunter2-secret', ''));
    expect(first.seedFile).toBe(demoSeedFile);
    expect(first.sealingKeySource).toBe('option sealingKey');
    expect(first.entriesOutsideContract).toEqual([]);
    expect(first.clients.map((c) => c.clientId)).toEqual(
      [...demo.departments].sort((a, b) => (a.id < b.id ? -1 : 1)).map((d) => d.clients[0]!.clientId),
    );
    expect((await fetch(`${first.url}/v1/health`)).status).toBe(200);
    const seeded = await snapshot(databaseUrl);

    const second = await start({ databaseUrl, sealingKey });
    expect(second.seedFile).toBeUndefined();
    expect(second.receiptKid).toBe(first.receiptKid);
    expect(await snapshot(databaseUrl)).toEqual(seeded);

    const fromFirst = await token(first.url);
    const fromSecond = await token(second.url);
    expect([fromFirst.status, fromSecond.status]).toEqual([200, 200]);
    expect(await me(second.url, fromFirst.token!)).toEqual({ status: 200, id: 'gongan' });
    expect(await me(first.url, fromSecond.token!)).toEqual({ status: 200, id: 'gongan' });
  });

  it('refuses a start without a configured sealing key, or with a wrong one, and changes nothing', async () => {
    vi.stubEnv('UNSILO_SEALING_KEY', '');
    try {
      const databaseUrl = freshDatabase();
      const sealingKey = randomBytes(32);
      await (await start({ databaseUrl, sealingKey })).close();
      const before = await snapshot(databaseUrl);

      await expect(startSandbox({ databaseUrl })).rejects.toThrow(/UNSILO_SEALING_KEY/);
      const wrong = startSandbox({ databaseUrl, sealingKey: randomBytes(32) });
      await expect(wrong).rejects.toBeInstanceOf(SealingKeyError);
      await expect(wrong).rejects.toThrow(
        /does not open 7 of the 7 secrets sealed in postgres:\/\/postgres@/,
      );
      await expect(wrong).rejects.not.toThrow(/hunter2/);
      expect(await snapshot(databaseUrl)).toEqual(before);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('re-seals everything with a new key given the previous one', async () => {
    const databaseUrl = freshDatabase();
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    await (await start({ databaseUrl, sealingKey: oldKey })).close();
    const before = (await snapshot(databaseUrl)) as { clients: Array<{ hmac_key_sealed: Buffer }> };

    await (await start({ databaseUrl, sealingKey: newKey, previousSealingKey: oldKey })).close();
    const after = (await snapshot(databaseUrl)) as typeof before;
    expect(after.clients.map((c) => c.hmac_key_sealed)).not.toEqual(
      before.clients.map((c) => c.hmac_key_sealed),
    );

    const rotated = await start({ databaseUrl, sealingKey: newKey });
    expect((await token(rotated.url)).status).toBe(200);
    await expect(startSandbox({ databaseUrl, sealingKey: oldKey })).rejects.toBeInstanceOf(SealingKeyError);
  });

  it('refuses databaseUrl together with dataFile or memory', async () => {
    const databaseUrl = freshDatabase();
    await expect(startSandbox({ databaseUrl, memory: true, sealingKey: randomBytes(32) })).rejects.toThrow(
      /databaseUrl excludes dataFile and memory/,
    );
    await expect(startSandbox({ databaseUrl: 'mysql://x@y/z', sealingKey: randomBytes(32) })).rejects.toThrow(
      /must be postgres:\/\//,
    );
  });

  it('shares the request rate limit between two instances', async () => {
    const databaseUrl = freshDatabase();
    const sealingKey = randomBytes(32);
    // A stopped clock: the bucket does not refill during the test.
    const at = new Date('2026-01-01T00:00:00Z');
    const options = { databaseUrl, sealingKey, requestsPerMinute: 6, now: () => at };
    const [first, second] = [await start(options), await start(options)];
    const { token: bearer } = await token(first.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await me(i % 2 ? second.url : first.url, bearer!)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });
});
