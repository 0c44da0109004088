import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogStats, lintWorkspace, stringifyEntry } from '@unsilo/sdk/catalog';
import { catalogDepartments, collectExchangeFigures, scoreDepartments } from '@unsilo/sdk/evaluation';
import type { CatalogEntry } from '@unsilo/sdk/schemas';
import { readWorkspaceSync } from '@unsilo/sdk/workspace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { clientFor } from '../sandbox/support/client';
import { credentialsOf, entryFor, publishEntry, recordsFor, startDemo } from '../sandbox/support/demo';

const HOUR = 3_600_000;
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-evaluation-'));

/**
 * 民政局 publishes two daily resources: one takes 40 records (the exchange rejects 1, a record without its key)
 * after three days, the other gets nothing and goes stale; 公安局 asks for the conditional one and 民政局 answers
 * 48 hours later. 公安局's own daily resource never receives data.
 */
describe('evaluation from a real exchange', () => {
  let sandbox: Awaited<ReturnType<typeof startDemo>>;
  const pushed = entryFor('minzheng', 71);
  const idle = entryFor('minzheng', 72, 'conditional');
  const gongan = entryFor('gongan', 73);
  const dir = join(scratch, 'catalog');

  beforeAll(async () => {
    sandbox = await startDemo();
    const minzheng = clientFor(sandbox.url, 'minzheng');
    const gonganClient = clientFor(sandbox.url, 'gongan');
    await publishEntry(minzheng, pushed);
    await publishEntry(minzheng, idle);
    await publishEntry(gonganClient, gongan);
    mkdirSync(dir, { recursive: true });
    for (const entry of [pushed, idle, gongan])
      writeFileSync(
        join(dir, `${entry.code.replace('/', '-')}.yaml`),
        stringifyEntry(entry as CatalogEntry & Record<string, unknown>),
      );
    sandbox.clock.advance(72 * HOUR);
    const request = await gonganClient.shareRequests.create({ resource: idle.code, purpose: '户籍核验' });
    sandbox.clock.advance(48 * HOUR);
    await minzheng.shareRequests.approve(request.data.id);
    const batch = await minzheng.records.batch(pushed.code, {
      upsert: [...recordsFor(39), { xm: '无编号', nl: 30 }],
    });
    expect(batch.data.rejected).toBe(1);
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('measures freshness, rejects and turnaround from the figures the exchange holds', async () => {
    const files = readWorkspaceSync([dir], dir).entries;
    const stats = catalogStats(files, lintWorkspace(files));
    const departments = catalogDepartments(stats);
    const collected = await collectExchangeFigures(
      clientFor(sandbox.url, 'minzheng'),
      departments.map((d) => ({ key: d.figures.code, resourceCodes: d.resourceCodes })),
      { now: sandbox.clock.now() },
    );
    const minzhengCode = credentialsOf('minzheng').code;
    const gonganCode = credentialsOf('gongan').code;
    expect(collected.figures.get(minzhengCode)).toEqual({
      resources: 2,
      staleResources: 1,
      records: 39,
      rowRejectRate: 1 / 40,
      shareRequests: 1,
      medianTurnaroundHours: 48,
      conflicts: 0,
    });
    expect(collected.figures.get(gonganCode)).toMatchObject({
      resources: 1,
      staleResources: 1,
      rowRejectRate: null,
      shareRequests: 0,
      medianTurnaroundHours: null,
    });

    const evaluation = scoreDepartments(
      departments.map((d) => ({ ...d.figures, exchange: collected.figures.get(d.figures.code)! })),
    );
    const components = (code: string) =>
      Object.fromEntries(
        evaluation.departments.find((d) => d.code === code)!.components.map((c) => [c.id, c.score]),
      );
    expect(components(minzhengCode)).toMatchObject({
      freshness: 50,
      rejects: 50,
      turnaround: 100,
      conflicts: 100,
    });
    expect(components(gonganCode)).toMatchObject({ freshness: 0, rejects: null, turnaround: null });
  });

  it('prints the same scores from `unsilo catalog evaluate --exchange --format json`', async () => {
    const { clientId, clientSecret } = credentialsOf('minzheng');
    const run = await runCli(['catalog', 'evaluate', dir, '--exchange', '--format', 'json', '--lang', 'en'], {
      env: {
        UNSILO_EXCHANGE_URL: sandbox.url,
        UNSILO_CLIENT_ID: clientId,
        UNSILO_CLIENT_SECRET: clientSecret,
      },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as {
      departments: Array<{
        code: string;
        components: Array<{ id: string; score: number | null; value: number | null }>;
      }>;
    };
    const minzheng = output.departments.find((d) => d.code === credentialsOf('minzheng').code)!;
    const byId = Object.fromEntries(minzheng.components.map((c) => [c.id, [c.score, c.value]]));
    // Pending requests are timed by the CLI's clock; this one was decided, 48 hours of the sandbox's clock.
    expect(byId).toMatchObject({ freshness: [50, 1], rejects: [50, 0.025], turnaround: [100, 48] });
  });

  it('adds the evaluation with the exchange figures to `unsilo catalog report --exchange`', async () => {
    const { clientId, clientSecret } = credentialsOf('minzheng');
    const out = join(scratch, 'report.html');
    const run = await runCli(
      ['catalog', 'report', dir, '--out', out, '--exchange', sandbox.url, '--lang', 'en'],
      {
        env: { UNSILO_CLIENT_ID: clientId, UNSILO_CLIENT_SECRET: clientSecret },
      },
    );
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const row = html.slice(html.indexOf('<tr><td><div class="res-name">某市民政局'));
    // Score, then coverage, completeness, conformance, freshness, rejects, turnaround, conflicts, sharing.
    const cells = [
      ...row.slice(0, row.indexOf('</tr>')).matchAll(/<td class="num[^"]*"[^>]*>(.*?)<\/td>/g),
    ].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(cells.slice(4, 8)).toEqual(['50.0', '50.0', '100.0', '100.0']);
  });
});
