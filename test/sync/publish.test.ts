import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { catalogDir, clientFor, minzheng, RESOURCE } from './support';

const SECOND = '307002010102/000002';

describe('unsilo publish', { timeout: 120_000 }, () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let client: ExchangeClient;
  const outputs: string[] = [];
  const publish = async (...args: string[]) => {
    const result = await runCli(['publish', dir, ...args], {
      env: { UNSILO_CLIENT_SECRET: minzheng.clientSecret },
    });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true });
    client = clientFor(sandbox.url);
    dir = await mkdtemp(join(tmpdir(), 'unsilo-publish-'));
    await cp(catalogDir, dir, { recursive: true });
    const first = await readFile(join(dir, 'minzheng-population.yaml'), 'utf8');
    await writeFile(
      join(dir, 'minzheng-relief.yaml'),
      first
        .replace(RESOURCE, SECOND)
        .replace('民政服务对象人口信息', '临时救助对象信息')
        .replace('010101/', '010102/'),
    );
    // The exchange's address and client id from the workspace config; the secret only from the environment.
    await writeFile(
      join(dir, 'unsilo.config.yaml'),
      `exchange:\n  url: ${sandbox.url}\n  clientId: ${minzheng.clientId}\n`,
    );
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('plans without changing anything on --dry-run', async () => {
    const result = await publish('--dry-run', '--format', 'json');
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout).plan;
    expect(plan.counts).toEqual({ create: 2, change: 0, unchanged: 0, withdraw: 0, orphan: 0, blocked: 0 });
    expect(await client.catalog.list().toArray()).toEqual([]);
  });

  it('creates and carries each entry through submit, register and publish; a second run plans nothing', async () => {
    const applied = await publish('--format', 'json');
    expect(applied.code, applied.stderr).toBe(0);
    const body = JSON.parse(applied.stdout);
    expect(body.applied.map((a: { status: string }) => a.status)).toEqual(['published', 'published']);
    expect((await client.catalog.get(RESOURCE)).data.status).toBe('published');

    const again = await publish('--lang', 'en');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/create 0, change 0, unchanged 2, withdraw 0/);
    expect(again.stdout).toContain('Nothing to do.');
  });

  it('shows a changed field with its old and new value, then republishes it', async () => {
    const file = join(dir, 'minzheng-population.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('updateCycle: daily', 'updateCycle: weekly'));
    const plan = await publish('--dry-run', '--lang', 'en');
    expect(plan.stdout).toContain(`~ ${RESOURCE}`);
    expect(plan.stdout).toContain('updateCycle: daily → weekly');
    const applied = await publish('--format', 'json');
    expect(JSON.parse(applied.stdout).applied).toEqual([
      expect.objectContaining({ code: RESOURCE, status: 'published' }),
    ]);
    const now = await client.catalog.get(RESOURCE);
    expect((now.data.entry as { updateCycle: string }).updateCycle).toBe('weekly');
  });

  it('keeps a resource whose file is gone and lists it; withdraws it only with --prune, confirmed', async () => {
    await unlink(join(dir, 'minzheng-relief.yaml'));
    const statusOf = async () => (await client.catalog.get(SECOND)).data.status;
    const kept = await publish('--lang', 'en');
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain(`? ${SECOND} 临时救助对象信息`);
    expect(kept.stdout).toContain('unsilo publish --prune');
    expect(await statusOf()).toBe('published');
    const plan = JSON.parse((await publish('--dry-run', '--format', 'json')).stdout).plan;
    expect(plan.items).toContainEqual(expect.objectContaining({ action: 'orphan', code: SECOND }));
    expect(plan.counts).toMatchObject({ withdraw: 0, orphan: 1 });
    expect(plan.empty).toBe(true);

    const pruning = await publish('--dry-run', '--prune', '--lang', 'en');
    expect(pruning.code).toBe(0);
    expect(pruning.stdout).toContain(`- ${SECOND} 临时救助对象信息`);
    expect(pruning.stdout).toMatch(/withdraw 1/);
    // Not a terminal, and no --yes: nothing is asked, nothing is withdrawn.
    const unconfirmed = await publish('--prune', '--lang', 'en');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('publish.confirmation_required');
    expect(unconfirmed.stderr).toContain(SECOND);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(await statusOf()).toBe('published');
    // Asked and declined: the run stops before anything changes.
    const declined = await publishCatalog({
      dir,
      client,
      prune: true,
      confirmWithdrawals: () => false,
    }).catch((error: unknown) => error);
    expect(declined).toMatchObject({ code: 'publish.withdrawals_not_confirmed' });
    expect(await statusOf()).toBe('published');

    const applied = await publish('--prune', '--yes', '--format', 'json');
    expect(applied.code, applied.stderr).toBe(0);
    expect(await statusOf()).toBe('withdrawn');
    expect(JSON.parse((await publish('--dry-run', '--prune', '--format', 'json')).stdout).plan.empty).toBe(
      true,
    );
  });

  it('refuses a folder without an entry of the caller (exit 1), naming whose files it holds', async () => {
    const other = await mkdtemp(join(tmpdir(), 'unsilo-publish-other-'));
    try {
      await writeFile(
        join(other, 'unsilo.config.yaml'),
        `exchange:\n  url: ${sandbox.url}\n  clientId: ${minzheng.clientId}\n`,
      );
      const publishOther = () =>
        runCli(['publish', other, '--lang', 'en'], { env: { UNSILO_CLIENT_SECRET: minzheng.clientSecret } });
      const empty = await publishOther();
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain('publish.no_entries_of_caller');
      const theirs = (await readFile(join(dir, 'minzheng-population.yaml'), 'utf8'))
        .replace('某市民政局', '某市公安局')
        .replace('11330100MB0000027E', '11330100MB0000019K');
      await writeFile(join(other, 'gongan.yaml'), theirs);
      const before = await client.catalog.list().toArray();
      const wrong = await publishOther();
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('[publish.no_entries_of_caller]');
      expect(wrong.stderr).toContain('某市民政局 (11330100MB0000027E)');
      expect(wrong.stderr).toContain('某市公安局 (11330100MB0000019K): 1');
      expect(await client.catalog.list().toArray()).toEqual(before);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('stops at lint errors with exit 1 and sends nothing', async () => {
    const bad = join(dir, 'broken.yaml');
    const text = await readFile(join(dir, 'minzheng-population.yaml'), 'utf8');
    await writeFile(bad, text.replace(RESOURCE, '9999/1').replace('民政服务对象人口信息', '坏条目'));
    const result = await publish('--lang', 'en');
    await unlink(bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+ error code\/format/);
    expect(result.stderr).toContain('publish.lint_failed');
    expect((await client.catalog.list().toArray()).map((r) => r.code).sort()).toEqual([RESOURCE, SECOND]);
  });

  it('reports a concurrent change as a conflict naming both versions, without overwriting it', async () => {
    const file = join(dir, 'minzheng-population.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('updateCycle: weekly', 'updateCycle: monthly'),
    );
    // Someone else changes the entry between this run's plan and its update.
    const racingUpdate = async (...args: Parameters<ExchangeClient['catalog']['update']>) => {
      const current = await client.catalog.get(RESOURCE);
      const entry = {
        ...(current.data.entry as object),
        summary: '另一位同事刚刚修改的摘要，用于核验并发修改。',
      };
      await client.catalog.update(RESOURCE, entry as never, { ifMatch: current.etag! });
      return client.catalog.update(...args);
    };
    const catalog = new Proxy(client.catalog, {
      get(target, property) {
        if (property === 'update') return racingUpdate;
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const racing = { ...client, catalog } as ExchangeClient;
    const result = await publishCatalog({ dir, client: racing });
    expect(result.conflicts).toHaveLength(1);
    const conflict = result.conflicts[0]!;
    expect(conflict).toMatchObject({ code: RESOURCE, file: 'minzheng-population.yaml' });
    expect(conflict.currentEtag).not.toBe(conflict.expectedEtag);
    expect(conflict.message).toContain(conflict.expectedEtag);
    expect(conflict.message).toContain(conflict.currentEtag!);
    expect(conflict.changes.map((c) => c.path).sort()).toEqual(['summary', 'updateCycle']);
    const kept = (await client.catalog.get(RESOURCE)).data.entry as { summary: string; updateCycle: string };
    expect(kept).toMatchObject({
      summary: '另一位同事刚刚修改的摘要，用于核验并发修改。',
      updateCycle: 'weekly',
    });
  });

  it('never prints the client secret', () => {
    expect(outputs.length).toBeGreaterThan(5);
    for (const text of outputs) expect(text).not.toContain(minzheng.clientSecret);
  });
});
