import { demoSeedFile, type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { conformanceChecks, credentialsFromSeed, runConformance } from '@unsilo/sdk/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RewritingProxy,
  startFeedRestartProxy,
  startReceiptTamperProxy,
} from './support/receipt-tamper-proxy';

/** The checks of plain reads, receipts, the change feed, quality and audit. */
const feedAuditChecks = conformanceChecks.filter((check) =>
  /^(reads|receipts|changes|quality|audit)\//.test(check.id),
);

const run = (baseUrl: string) =>
  runConformance({ baseUrl, credentials: credentialsFromSeed(demoSeedFile), checks: feedAuditChecks });

const failedIds = (report: Awaited<ReturnType<typeof run>>) =>
  report.results.filter((r) => r.outcome === 'fail').map((r) => r.id);

/** The checks that push batches, and so hold the exchange to their receipts. */
const pushingChecks = [
  'receipts/batch-receipt-verifies',
  'receipts/tampered-receipt-refused',
  'changes/ordered-complete',
  'changes/resume-from-cursor',
  'quality/rejects-counted',
  'quality/sync-run-reported',
  'audit/batch-and-read',
  'audit/others-see-nothing',
];

describe('conformance checks of reads, receipts, the change feed, quality and audit', () => {
  let sandbox: RunningSandbox;
  const proxies: RewritingProxy[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true });
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    await sandbox.close();
  });

  it('passes every one against the sandbox and reaches the operations they prove', async () => {
    const report = await run(sandbox.url);
    expect(report.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expect(report.results.map((r) => r.id)).toEqual(feedAuditChecks.map((c) => c.id));
    expect(report.passed).toBe(19);
    const proved = [
      'getHealth',
      'listCodeSets',
      'getCodeSet',
      'getMe',
      'listDepartments',
      'getDepartment',
      'getReceiptKeys',
      'batchRecords',
      'queryRecords',
      'listChanges',
      'getQuality',
      'reportSyncRun',
      'getQualityConflicts',
      'listAuditEvents',
      'issueToken',
    ];
    expect(proved.filter((id) => report.unreached.includes(id))).toEqual([]);
    expect(report.created.filter((c) => !c.withdrawn)).toEqual([]);
  });

  it('fails every check that pushes against an exchange whose receipts do not verify', async () => {
    const proxy = await startReceiptTamperProxy(sandbox.url);
    proxies.push(proxy);
    const report = await run(proxy.url);
    expect(failedIds(report)).toEqual(pushingChecks);
    const reasons = report.results.filter((r) => r.outcome === 'fail').map((r) => r.reason);
    expect(reasons.filter((reason) => !/receipt of batch .* does not verify/.test(reason ?? ''))).toEqual([]);
    const receipt = report.results.find((r) => r.id === 'receipts/batch-receipt-verifies');
    expect(receipt?.reason).toMatch(/does not verify: bad_signature/);
  });

  it('fails the feed checks against an exchange that restarts the feed instead of resuming', async () => {
    const proxy = await startFeedRestartProxy(sandbox.url);
    proxies.push(proxy);
    const report = await run(proxy.url);
    expect(failedIds(report)).toEqual([
      'changes/ordered-complete',
      'changes/resume-from-cursor',
      'changes/foreign-cursor',
    ]);
  });
});
