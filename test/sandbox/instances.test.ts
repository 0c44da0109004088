// Several exchange instances on one PostgreSQL database behave as one exchange (issue 18). Runs in the `postgres`
// test project only (see vitest.config.ts); the instances are child processes, so one can be SIGKILLed.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExchangeClient, verifyReceipt } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { freshDatabaseUrl, testPostgresUrl } from '../helpers/test-database';
import { catalogDir, clientFor, mappingFile, minzheng, minzhengEnv, RESOURCE } from '../sync/support';
import { summaryOf, syncProcess } from '../sync/sync-process';
import { startRoundRobin } from './support/round-robin';
import { type SandboxChild, startSandboxChild } from './support/sandbox-child';

const ROWS = 100_000;
const BATCH = 1_000;

/** What the database holds for the resource: current records, upserts in the feed, distinct keys among them. */
async function heldBy(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string) => Number((await client.query(sql, [RESOURCE])).rows[0].n);
    return {
      records: await one('SELECT count(*) AS n FROM records WHERE resource_code = $1'),
      upserts: await one("SELECT count(*) AS n FROM changes WHERE resource_code = $1 AND op = 'upsert'"),
      keys: await one('SELECT count(DISTINCT record_key) AS n FROM changes WHERE resource_code = $1'),
    };
  } finally {
    await client.end();
  }
}

describe.runIf(testPostgresUrl())('two exchange instances on one PostgreSQL database', () => {
  let databaseUrl: string;
  let dir: string;
  let first: SandboxChild;
  let second: SandboxChild;

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl(testPostgresUrl()!);
    dir = await mkdtemp(join(tmpdir(), 'unsilo-instances-'));
    const env = { UNSILO_SEALING_KEY: randomBytes(32).toString('base64') };
    // Started at once: migrations and the demo seed must happen once between them. Both are configured alike
    // (providers publish their own entries), as every instance behind one address must be.
    [first, second] = await Promise.all([
      startSandboxChild(databaseUrl, env, { selfApprove: true }),
      startSandboxChild(databaseUrl, env, { selfApprove: true }),
    ]);
    const published = await publishCatalog({ dir: catalogDir, client: clientFor(first.url) });
    expect(published.failures).toEqual([]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads through one instance, with its receipt, a batch written through the other; a retry there replays it', async () => {
    const [one, other] = [clientFor(first.url), clientFor(second.url)];
    // Born in 1990: no generated person of the sync below (1940–1989) has this key.
    const person = { gmsfhm: '659001199001010013', xm: '检验甲', xb: '1', csrq: '1990-01-01', mz: '01' };
    const upsert = [{ ...person, hjdq: '659001', jzlb: '低保', gxsj: '2026-12-01T08:00:00+08:00' }];
    const written = await one.records.batch(RESOURCE, { upsert }, { idempotencyKey: 'instances-1' });
    const keys = (await other.receiptKeys()).data;
    expect(await verifyReceipt(written.data.receipt, keys)).toMatchObject({ valid: true });
    const read = await other.records.query(RESOURCE, { filter: { gmsfhm: person.gmsfhm } }).toArray();
    expect(read.map((r) => r.xm)).toEqual(['检验甲']);
    const replayed = await other.records.batch(RESOURCE, { upsert }, { idempotencyKey: 'instances-1' });
    expect(replayed.data).toEqual(written.data);
  });

  it('a client revoked, or a token revoked (RFC 7009), through one instance is refused at once by the other', async () => {
    const authority = createExchangeClient({
      baseUrl: first.url,
      auth: {
        type: 'clientCredentials',
        clientId: 'dashuju-demo',
        clientSecret: 'dashuju-demo-secret-4a8e2b6d',
      },
      retry: false,
    });
    const tokenOn = async (url: string, clientId: string, clientSecret: string) => {
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      });
      const response = await fetch(`${url}/v1/oauth/token`, { method: 'POST', body });
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const meOn = async (url: string, token: string) => {
      const response = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { id?: string; code?: string };
      return `${response.status} ${body.id ?? body.code}`;
    };
    const { client, clientSecret } = (await authority.clients.add('vendor-demo')).data;
    // Each token is issued by the second instance and used there first, so that it would be in its memory.
    const kept = await tokenOn(second.url, client.clientId, clientSecret);
    const dropped = await tokenOn(second.url, client.clientId, clientSecret);
    expect([await meOn(second.url, kept), await meOn(second.url, dropped)]).toEqual([
      '200 vendor-demo',
      '200 vendor-demo',
    ]);

    const own = createExchangeClient({
      baseUrl: first.url,
      auth: { type: 'clientCredentials', clientId: client.clientId, clientSecret },
      retry: false,
    });
    await own.revokeToken(dropped);
    expect([await meOn(second.url, kept), await meOn(second.url, dropped)]).toEqual([
      '200 vendor-demo',
      '401 auth.invalid_token',
    ]);

    await authority.clients.revoke(client.clientId);
    expect(await meOn(second.url, kept)).toBe('401 auth.invalid_token');
    const refused = await fetch(`${second.url}/v1/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: clientSecret,
      }),
    });
    expect(refused.status).toBe(401);
  });

  it(`loses nothing acknowledged when one instance is killed during a sync of ${ROWS.toLocaleString('en')} rows`, async () => {
    const balancer = await startRoundRobin([first.url, second.url]);
    try {
      await writePopulationCsv(join(dir, 'population.csv'), ROWS);
      const checkpoint = join(dir, 'sync', 'checkpoint.json');
      const args = ['-m', mappingFile, '-i', join(dir, 'population.csv'), '--checkpoint', checkpoint];
      args.push('--batch-size', String(BATCH), '--concurrency', '4', '--format', 'json', '--lang', 'en');
      let killed = false;
      // The first instance dies (SIGKILL) once a third of the rows are committed, batches in flight on it.
      const run = syncProcess(args, minzhengEnv(balancer.url), (progress) => {
        if (!killed && progress.committed >= ROWS / 3) {
          killed = true;
          void first.kill();
        }
        return false;
      });
      const result = await run;
      expect(killed).toBe(true);
      expect(result.code, result.stderr).toBe(0);
      expect(summaryOf(result)).toMatchObject({ completed: true, read: ROWS, accepted: ROWS, rejected: 0 });
      expect(result.stdout + result.stderr).not.toContain(minzheng.clientSecret);

      expect(await heldBy(databaseUrl)).toEqual({ records: ROWS + 1, upserts: ROWS + 1, keys: ROWS + 1 });
      const keys = (await clientFor(second.url).receiptKeys()).data;
      const lines = (await readFile(join(dir, 'sync', 'checkpoint.receipts.ndjson'), 'utf8'))
        .trim()
        .split('\n');
      expect(lines).toHaveLength(ROWS / BATCH);
      const verdicts = await Promise.all(
        lines.map(async (line) => (await verifyReceipt(JSON.parse(line).receipt, keys)).valid),
      );
      expect(verdicts.filter((valid) => !valid)).toEqual([]);
    } finally {
      await balancer.close();
    }
  }, 180_000);
});
