import { demoSeedFile, type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import {
  type ConformanceReport,
  conformanceChecks,
  credentialsFromSeed,
  runConformance,
} from '@unsilo/sdk/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Fault,
  faultyProxy,
  type HeldAnswer,
  jsonAnswer,
  problemCode,
} from './support/auth-access-proxy';

const credentials = credentialsFromSeed(demoSeedFile);
const groups = ['hmac/', 'roles/', 'access/', 'share-requests/'];
const groupChecks = conformanceChecks.filter((c) => groups.some((group) => c.id.startsWith(group)));
const expiryCheck = conformanceChecks.filter((c) => c.id === 'auth/expired-token');

const run = (baseUrl: string, checks = groupChecks): Promise<ConformanceReport> =>
  runConformance({ baseUrl, credentials, checks });
const failedIds = (report: ConformanceReport) =>
  report.results.filter((r) => r.outcome === 'fail').map((r) => r.id);

/** Which checks fail against an exchange with this one fault in front of the sandbox. */
async function failingBehind(sandbox: RunningSandbox, fault: Fault, checks = groupChecks): Promise<string[]> {
  const proxy = await faultyProxy(sandbox.url, fault);
  try {
    return failedIds(await run(proxy.url, checks));
  } finally {
    proxy.close();
  }
}

describe('conformance checks of authentication, roles and access', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('passes every check of the groups against the sandbox and reaches their operations', async () => {
    const report = await run(sandbox.url);
    expect(report.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expect(report.results.map((r) => r.id)).toEqual(groupChecks.map((c) => c.id));
    expect(groupChecks.length).toBe(24);
    const reached = [
      'createShareRequest',
      'approveShareRequest',
      'refuseShareRequest',
      'getShareRequest',
      'listShareRequests',
      'queryRecords',
      'getResource',
      'listResources',
      'batchRecords',
      'registerResource',
      'publishResource',
      'updateResource',
      'withdrawResource',
      'getQualityConflicts',
      'reportSyncRun',
      'submitResource',
    ];
    expect(reached.filter((id) => report.unreached.includes(id))).toEqual([]);
    expect(report.created.every((left) => left.withdrawn)).toBe(true);
  });

  it('passes the role checks where providers may not approve their own entries too', async () => {
    const strict = await startSandbox({ memory: true, selfApprove: false });
    try {
      const report = await run(
        strict.url,
        groupChecks.filter((c) => c.id.startsWith('roles/')),
      );
      expect(report.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
      expect(report.passed).toBe(4);
    } finally {
      await strict.close();
    }
  });

  it('skips the expired-token check, saying why, where tokens live an hour', async () => {
    const report = await run(sandbox.url, expiryCheck);
    expect(report.results.map((r) => [r.outcome, r.reason])).toEqual([
      ['skip', 'tokens live 3600 s (expires_in); the check waits only for tokens of at most 5 s'],
    ]);
  });

  it('passes the expired-token check where tokens live a second', async () => {
    const shortLived = await startSandbox({ memory: true, tokenTtlSeconds: 1 });
    try {
      const report = await run(shortLived.url, expiryCheck);
      expect(report.results.map((r) => [r.id, r.outcome])).toEqual([['auth/expired-token', 'pass']]);
    } finally {
      await shortLived.close();
    }
  });

  it('fails the expired-token check against an exchange whose tokens outlive their expires_in', async () => {
    const understated: Fault = (incoming, answer) => {
      if (incoming.url !== '/v1/oauth/token' || answer.status !== 200) return undefined;
      return jsonAnswer(200, { ...JSON.parse(answer.body.toString('utf8')), expires_in: 1 });
    };
    expect(await failingBehind(sandbox, understated, expiryCheck)).toEqual(['auth/expired-token']);
  });

  it('fails only the replay check against an exchange that answers a replayed signed request', async () => {
    // A cache in front of the exchange keyed on the signature headers: a replay gets the first answer again.
    const seen = new Map<string, HeldAnswer>();
    const replaying: Fault = (incoming, answer) => {
      const signature = incoming.headers['x-signature'];
      if (typeof signature !== 'string') return undefined;
      const key = `${incoming.headers['x-nonce']} ${signature}`;
      const first = seen.get(key);
      if (first) return first;
      seen.set(key, answer);
      return undefined;
    };
    expect(await failingBehind(sandbox, replaying)).toEqual(['hmac/replayed-nonce']);
  });

  it('fails the checks that need an approved request against an exchange that opens conditional data', async () => {
    const open: Fault = (incoming, answer) =>
      incoming.method === 'GET' &&
      /\/records(\?|$)/.test(incoming.url ?? '') &&
      problemCode(answer) === 'access.share_request_required'
        ? jsonAnswer(200, { items: [], nextCursor: null })
        : undefined;
    expect(await failingBehind(sandbox, open)).toEqual([
      'access/conditional-needs-request',
      'access/conditional-after-approval',
      'access/vendor-needs-request',
      'access/refused-request-stays-refused',
    ]);
  });

  it('fails the vendor role check against an exchange that lets a vendor read quality conflicts', async () => {
    const granting: Fault = (incoming, answer) =>
      incoming.url?.startsWith('/v1/quality/conflicts') && problemCode(answer) === 'access.role_required'
        ? jsonAnswer(200, {})
        : undefined;
    expect(await failingBehind(sandbox, granting)).toEqual(['roles/vendor-refused-by-role']);
  });
});
