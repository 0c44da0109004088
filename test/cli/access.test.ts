import type { RunningSandbox } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { minzhengEnv, RESOURCE, sandboxWithPopulation } from '../sync/support';

/** 公安局 (demo seed), the department that asks for 民政局's conditional resource. */
function gonganEnv(url: string): NodeJS.ProcessEnv {
  return {
    UNSILO_EXCHANGE_URL: url,
    UNSILO_CLIENT_ID: 'gongan-demo',
    UNSILO_CLIENT_SECRET: 'gongan-demo-secret-2f9c1e7a',
  };
}

describe('unsilo access: the 有条件共享 workflow for both sides', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    ({ sandbox } = await sandboxWithPopulation());
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const asGongan = (args: string[]) =>
    runCli(['access', ...args, '--lang', 'en'], { env: gonganEnv(sandbox.url) });
  const asMinzheng = (args: string[]) =>
    runCli(['access', ...args, '--lang', 'en'], { env: minzhengEnv(sandbox.url) });

  it('files a request, lists it on both sides, approves it once and refuses a decided one', async () => {
    const filed = await asGongan(['request', RESOURCE, '--purpose', '社会救助资格核验', '--format', 'json']);
    expect(filed.code, filed.stderr).toBe(0);
    const share = JSON.parse(filed.stdout) as {
      id: string;
      status: string;
      resource: string;
      purpose: string;
    };
    expect(share).toMatchObject({ status: 'pending', resource: RESOURCE, purpose: '社会救助资格核验' });

    const mine = await asGongan(['list', '--mine', '--format', 'json']);
    expect(mine.code, mine.stderr).toBe(0);
    expect((JSON.parse(mine.stdout) as { id: string }[]).map((s) => s.id)).toEqual([share.id]);
    // 民政局 made no request: its own list is empty; the request is for it to decide.
    expect(JSON.parse((await asMinzheng(['list', '--mine', '--format', 'json'])).stdout)).toEqual([]);
    const toApprove = await asMinzheng(['list', '--to-approve']);
    expect(toApprove.code, toApprove.stderr).toBe(0);
    expect(toApprove.stdout).toContain('1 share request\n');
    expect(toApprove.stdout).toContain(`${share.id}  pending  ${RESOURCE}  gongan → minzheng`);
    expect(toApprove.stdout).toContain('purpose: 社会救助资格核验');

    // The consumer cannot approve its own request: 403, exit 1, with the exchange's code and both languages.
    const selfApproval = await asGongan(['approve', share.id]);
    expect(selfApproval.code).toBe(1);
    expect(selfApproval.stderr).toContain('[access.forbidden]');
    expect(selfApproval.stderr).toContain('只有信息资源提供方可以审批共享申请');

    const approved = await asMinzheng(['approve', share.id]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain(`Share request approved: ${share.id}`);
    expect(approved.stdout).toContain(`${share.id}  approved  ${RESOURCE}`);

    const again = await asMinzheng(['refuse', share.id, '--reason', '迟到的拒绝']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[share_request.already_decided]');
    expect(again.stderr).toContain('该共享申请已处理（已同意）');
    expect(JSON.parse((await asMinzheng(['list', '--to-approve', '--format', 'json'])).stdout)).toEqual([]);
    const approvedList = await asGongan(['list', '--mine', '--status', 'approved', '--format', 'json']);
    expect((JSON.parse(approvedList.stdout) as { id: string }[]).map((s) => s.id)).toEqual([share.id]);
  });

  it('refuses with a reason the requester then reads, in Chinese with --lang zh', async () => {
    const filed = await asGongan(['request', RESOURCE, '--purpose', '人口统计', '--format', 'json']);
    const { id } = JSON.parse(filed.stdout) as { id: string };
    const refused = await asMinzheng(['refuse', id, '--reason', '用途不在共享条件之内', '--format', 'json']);
    expect(refused.code, refused.stderr).toBe(0);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      id,
      status: 'refused',
      reason: '用途不在共享条件之内',
    });
    const seen = await runCli(['access', 'list', '--mine', '--status', 'refused', '--lang', 'zh'], {
      env: gonganEnv(sandbox.url),
    });
    expect(seen.code, seen.stderr).toBe(0);
    expect(seen.stdout).toContain(`${id}  已拒绝  ${RESOURCE}`);
    expect(seen.stdout).toContain('理由：用途不在共享条件之内');
  });

  it('exits 1 on an unknown resource or request, 2 on usage errors, and never prints the secret', async () => {
    const unknown = await asGongan(['request', '307002010101/999999', '--purpose', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[resource.not_found]');
    const noRequest = await asMinzheng(['approve', 'shr_missing']);
    expect(noRequest.code).toBe(1);
    expect(noRequest.stderr).toContain('[share_request.not_found]');
    expect((await asGongan(['list', '--mine', '--to-approve'])).code).toBe(2);
    expect((await asGongan(['list', '--status', 'maybe'])).code).toBe(2);
    expect((await asGongan(['request', RESOURCE])).code).toBe(2);
    for (const run of [unknown, noRequest])
      expect(run.stderr + run.stdout).not.toContain('gongan-demo-secret');
  });

  it('explains itself in both languages', async () => {
    const help = await runCli(['access', 'request', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      '申请读取有条件共享的资源 / ask the provider to read a conditional resource',
    );
    expect(help.stdout).toContain('UNSILO_CLIENT_SECRET');
  });
});
