import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { catalogDir, minzheng, minzhengEnv, RESOURCE } from '../sync/support';

/** 大数据局 (demo seed), the authority that registers and publishes. */
function dashujuEnv(url: string): NodeJS.ProcessEnv {
  return {
    UNSILO_EXCHANGE_URL: url,
    UNSILO_CLIENT_ID: 'dashuju-demo',
    UNSILO_CLIENT_SECRET: 'dashuju-demo-secret-4a8e2b6d',
  };
}

describe('unsilo review: the authority reviews catalogue entries (selfApprove off)', () => {
  let sandbox: RunningSandbox;
  let provider: ExchangeClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true, selfApprove: false });
    provider = createExchangeClient({
      baseUrl: sandbox.url,
      auth: { type: 'clientCredentials', ...minzheng },
    });
    const published = await publishCatalog({ dir: catalogDir, client: provider });
    expect(published.awaitingAuthority).toEqual([RESOURCE]);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const review = (args: string[], env = dashujuEnv(sandbox.url)) =>
    runCli(['review', ...args, '--lang', 'en'], { env });

  it('lists the submitted entry, shows it as a first review, registers and publishes it', async () => {
    const waiting = await review(['list', '--format', 'json']);
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(
      (JSON.parse(waiting.stdout) as { code: string; status: string }[]).map((r) => [r.code, r.status]),
    ).toEqual([[RESOURCE, 'submitted']]);
    const text = await review(['list']);
    expect(text.stdout).toContain(
      `1 entry waiting (submitted)\n  ${RESOURCE}  民政服务对象人口信息  某市民政局`,
    );

    const shown = await review(['show', RESOURCE, '--format', 'json']);
    expect(shown.code, shown.stderr).toBe(0);
    const first = JSON.parse(shown.stdout) as {
      baseline: string;
      changes: unknown[];
      findings: { severity: string }[];
    };
    expect(first.baseline).toBe('none');
    expect(first.changes).toEqual([]);
    expect(first.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect((await review(['show', RESOURCE])).stdout).toContain('No version in force: a first review');

    // The provider may not take the authority's step when selfApprove is off.
    const byProvider = await review(['register', RESOURCE], minzhengEnv(sandbox.url));
    expect(byProvider.code).toBe(1);
    expect(byProvider.stderr).toContain('[access.role_required]');
    expect(byProvider.stderr).toContain('须具备以下角色之一');

    const registered = await review(['register', RESOURCE]);
    expect(registered.code, registered.stderr).toBe(0);
    expect(registered.stdout).toBe(`${RESOURCE}: submitted → registered\n`);
    expect(JSON.parse((await review(['list', '--format', 'json'])).stdout)).toEqual([]);
    const twice = await review(['register', RESOURCE]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('[catalog.invalid_transition]');
    const published = await review(['publish', RESOURCE, '--format', 'json']);
    expect(published.code, published.stderr).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({ code: RESOURCE, status: 'published' });
    expect((await review(['show', RESOURCE])).stdout).toContain('This version is the one in force.');
  });

  it('shows a change to the published entry field by field against the version in force', async () => {
    const current = await provider.catalog.get(RESOURCE);
    const entry = current.data.entry;
    const changed = {
      ...entry,
      summary: '全市民政服务对象的人口基本信息（修订）',
      updateCycle: 'weekly' as const,
    };
    await provider.catalog.update(RESOURCE, changed, { ifMatch: current.etag! });

    const shown = await review(['show', RESOURCE]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Against the version in force (published ');
    expect(shown.stdout).toContain('2 changes:');
    expect(shown.stdout).toContain(`  ~ summary: ${entry.summary} → 全市民政服务对象的人口基本信息（修订）`);
    expect(shown.stdout).toContain(`  ~ updateCycle: ${entry.updateCycle} → weekly`);
    const json = JSON.parse((await review(['show', RESOURCE, '--format', 'json'])).stdout) as {
      baseline: string;
      changes: { path: string }[];
    };
    expect(json.baseline).toBe('changed');
    expect(json.changes.map((c) => c.path)).toEqual(['summary', 'updateCycle']);
  });

  it('withdraws only with a reason, and refuses a reason on other steps', async () => {
    expect((await review(['withdraw', RESOURCE])).code).toBe(2);
    expect((await review(['register', RESOURCE, '--reason', 'x'])).code).toBe(2);
    const withdrawn = await review([
      'withdraw',
      RESOURCE,
      '--reason',
      '资源合并至新目录',
      '--format',
      'json',
    ]);
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    const body = JSON.parse(withdrawn.stdout) as {
      status: string;
      history: { status: string; reason?: string }[];
    };
    expect(body.status).toBe('withdrawn');
    expect(body.history.at(-1)).toMatchObject({ status: 'withdrawn', reason: '资源合并至新目录' });
    const unknown = await review(['show', '307002010101/999999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[resource.not_found]');
  });

  it('explains itself in both languages', async () => {
    const help = await runCli(['review', 'withdraw', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      '撤销目录条目，须说明理由，不可恢复 / withdraw an entry, with a reason; permanent',
    );
  });
});
