// Issue 19's retention and erasure, through the CLI against a real sandbox: 民政 syncs its export, 公安 follows
// the change feed into a local copy, the authority plans and then erases one person, and 公安's next follow
// erases its copy too; the authority compacts the feed to the retention window.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulationCsv } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { catalogDir, clientFor, mappingFile, minzhengEnv, RESOURCE } from '../sync/support';

const ROWS = 50;
const dayMs = 24 * 3600 * 1000;

const envOf = (url: string, clientId: string, clientSecret: string): NodeJS.ProcessEnv => ({
  UNSILO_EXCHANGE_URL: url,
  UNSILO_CLIENT_ID: clientId,
  UNSILO_CLIENT_SECRET: clientSecret,
});

async function idsIn(file: string): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  return lines.map((line) => String((JSON.parse(line) as { gmsfhm: string }).gmsfhm)).sort();
}

describe('erasure and retention, end to end through the CLI', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  let clock = Date.now();
  beforeAll(async () => {
    sandbox = await startSandbox({
      memory: true,
      selfApprove: true,
      retentionDays: 180,
      now: () => new Date(clock),
    });
    dir = await mkdtemp(join(tmpdir(), 'unsilo-erasure-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('plans, erases a subject the follower then erases too, and compacts the feed', async () => {
    const provider = minzhengEnv(sandbox.url);
    const authority = envOf(sandbox.url, 'dashuju-demo', 'dashuju-demo-secret-4a8e2b6d');
    const consumer = envOf(sandbox.url, 'gongan-demo', 'gongan-demo-secret-2f9c1e7a');
    const cli = (args: string[], env: NodeJS.ProcessEnv, input?: string) =>
      runCli([...args, '--lang', 'en'], { env, input });

    expect((await cli(['publish', catalogDir], provider)).code).toBe(0);
    await writePopulationCsv(join(dir, 'population.csv'), ROWS);
    const synced = await cli(['sync', '-m', mappingFile, '-i', join(dir, 'population.csv')], provider);
    expect(synced.code, synced.stderr).toBe(0);
    const held = await clientFor(sandbox.url).records.query(RESOURCE).toArray();
    const subject = String(held[7]!.gmsfhm);
    // The resource is conditionally shared: the follower asks, the provider approves.
    const asked = await cli(
      ['access', 'request', RESOURCE, '--purpose', '核验', '--format', 'json'],
      consumer,
    );
    const approved = await cli(
      ['access', 'approve', (JSON.parse(asked.stdout) as { id: string }).id],
      provider,
    );
    expect(approved.code, approved.stderr).toBe(0);
    const copy = join(dir, 'copy.ndjson');
    expect((await cli(['changes', 'follow', RESOURCE, '--out', copy, '--once'], consumer)).code).toBe(0);
    expect(await idsIn(copy)).toContain(subject);

    const plan = await cli(['erase', subject, '--reason', '本人申请删除（受理编号 2026-118）'], authority);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Plan (nothing erased): 1 records, 1 versions in 1 resources');
    expect(plan.stdout).toContain('Run again with --yes');
    expect(await clientFor(sandbox.url).records.query(RESOURCE).toArray()).toHaveLength(ROWS);

    const refused = await cli(['erase', subject, '--reason', 'x', '--yes'], provider);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('access.role_required');

    // The subject from stdin: the ID number stays out of the command line.
    const erased = await cli(
      ['erase', '-', '--reason', '本人申请删除', '--yes', '--resource', RESOURCE],
      authority,
      `${subject}\n`,
    );
    expect(erased.code, erased.stderr).toBe(0);
    expect(erased.stdout).toContain('Erased: 1 records, 1 versions in 1 resources');
    expect(erased.stdout).not.toContain(subject);
    expect((await cli(['changes', 'follow', RESOURCE, '--out', copy, '--once'], consumer)).code).toBe(0);
    const left = await idsIn(copy);
    expect(left).toHaveLength(ROWS - 1);
    expect(left).not.toContain(subject);

    // A record updated now and again after the window: the compaction removes its first version only.
    const changed = held[0]!;
    await clientFor(sandbox.url).records.batch(RESOURCE, { upsert: [{ ...changed, xm: '更名一' }] });
    clock += 181 * dayMs;
    const compacted = await cli(['changes', 'compact', '--format', 'json'], authority);
    expect(compacted.code, compacted.stderr).toBe(0);
    expect(JSON.parse(compacted.stdout)).toEqual({
      retentionDays: 180,
      before: new Date(clock - 180 * dayMs).toISOString(),
      versions: 1,
    });
    expect((await cli(['changes', 'compact'], consumer)).code).toBe(1);
  }, 120_000);
});
