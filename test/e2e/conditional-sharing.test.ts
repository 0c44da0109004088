// Issue 19's story, through the CLI only, against a real sandbox: 民政 publishes its conditional resource and
// syncs its export; 公安 is refused, asks, is approved by 民政, exports exactly 民政's records and follows a change.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import type { DataRecord } from '@unsilo/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { catalogDir, clientFor, mappingFile, minzhengEnv, RESOURCE } from '../sync/support';

const ROWS = 300;

const gonganEnv = (url: string): NodeJS.ProcessEnv => ({
  UNSILO_EXCHANGE_URL: url,
  UNSILO_CLIENT_ID: 'gongan-demo',
  UNSILO_CLIENT_SECRET: 'gongan-demo-secret-2f9c1e7a',
});

/** The lines of an NDJSON file, parsed, sorted by 公民身份号码. */
async function ndjson(file: string): Promise<Array<Record<string, unknown>>> {
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>).sort(byId);
}
const byId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a.gmsfhm) < String(b.gmsfhm) ? -1 : 1;

describe('conditional sharing, end to end through the CLI', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true, selfApprove: true });
    dir = await mkdtemp(join(tmpdir(), 'unsilo-story-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes and syncs, refuses the consumer, approves its request, exports the records, follows a change', async () => {
    const provider = minzhengEnv(sandbox.url);
    const consumer = gonganEnv(sandbox.url);
    const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli([...args, '--lang', 'en'], { env });

    const published = await cli(['publish', catalogDir], provider);
    expect(published.code, published.stderr).toBe(0);
    await writePopulationCsv(join(dir, 'population.csv'), ROWS);
    const synced = await cli(['sync', '-m', mappingFile, '-i', join(dir, 'population.csv')], provider);
    expect(synced.code, synced.stderr).toBe(0);

    const exported = join(dir, 'export.ndjson');
    const refused = await cli(['records', 'export', RESOURCE, '--out', exported], consumer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('access.share_request_required');

    const asked = await cli(
      ['access', 'request', RESOURCE, '--purpose', '社会救助资格核验', '--format', 'json'],
      consumer,
    );
    expect(asked.code, asked.stderr).toBe(0);
    const request = JSON.parse(asked.stdout) as { id: string; status: string };
    expect(request.status).toBe('pending');
    const approved = await cli(['access', 'approve', request.id], provider);
    expect(approved.code, approved.stderr).toBe(0);

    const done = await cli(['records', 'export', RESOURCE, '--out', exported], consumer);
    expect(done.code, done.stderr).toBe(0);
    const held = await clientFor(sandbox.url).records.query(RESOURCE).toArray();
    expect(held).toHaveLength(ROWS);
    expect(await ndjson(exported)).toEqual([...held].sort(byId));

    const copy = join(dir, 'copy.ndjson');
    const first = await cli(['changes', 'follow', RESOURCE, '--out', copy, '--once'], consumer);
    expect(first.code, first.stderr).toBe(0);
    const changed: DataRecord = { ...held[0]!, xm: '更名后' };
    await clientFor(sandbox.url).records.batch(RESOURCE, { upsert: [changed] });
    const second = await cli(['changes', 'follow', RESOURCE, '--out', copy, '--once'], consumer);
    expect(second.code, second.stderr).toBe(0);
    const expected = held.map((r) => (r.gmsfhm === changed.gmsfhm ? changed : r)).sort(byId);
    expect(await ndjson(copy)).toEqual(expected);
  }, 120_000);
});
