import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient } from '@unsilo/sdk';
import { type ComplianceReport, startComplianceProxy } from '@unsilo/sdk/compliance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSEHOLD_RESOURCE } from '../../examples/gongan-household/household-example';
import { runVendorScenario } from '../../examples/vendor-app/scenario';
import { credentialsOf, type DemoDepartment } from '../sandbox/support/demo';

describe('unsilo proxy --check: the vendor-app example keeps the contract', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  let report: ComplianceReport;
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true });
    dir = await mkdtemp(join(tmpdir(), 'unsilo-vendor-proxy-'));
    const proxy = await startComplianceProxy({ target: sandbox.url });
    const client = (department: DemoDepartment) => {
      const { clientId, clientSecret } = credentialsOf(department);
      return createExchangeClient({
        baseUrl: proxy.url,
        auth: { type: 'clientCredentials', clientId, clientSecret },
      });
    };
    try {
      const run = await runVendorScenario({
        provider: client('gongan'),
        vendor: client('vendor-demo'),
        dir,
        residents: 300,
      });
      expect(run.access.status).toBe('approved');
    } finally {
      report = proxy.report();
      await proxy.close();
    }
  });
  afterAll(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds nothing: the report is clean', () => {
    expect(report.findings).toEqual([]);
    expect(report.clean).toBe(true);
    expect(report.target).toBe(sandbox.url);
  });

  it('saw the operations the scenario uses', () => {
    const seen = Object.keys(report.requests.perOperation);
    for (const operation of [
      'issueToken',
      'createResource',
      'batchRecords',
      'createShareRequest',
      'getShareRequest',
      'listShareRequests',
      'approveShareRequest',
      'listChanges',
    ]) {
      expect(seen).toContain(operation);
    }
    expect(seen).not.toContain('(unknown)');
  });
});

describe('unsilo proxy --check: a misbehaving client', () => {
  let sandbox: RunningSandbox;
  let report: ComplianceReport;
  const secretValue = 'leaked-token-value-7f3a';
  beforeAll(async () => {
    // Two requests a minute per client: the fourth request of the client below meets a 429.
    sandbox = await startSandbox({ memory: true, requestsPerMinute: 2 });
    const proxy = await startComplianceProxy({ target: sandbox.url });
    try {
      await misbehave(proxy.url, secretValue);
    } finally {
      report = proxy.report();
      await proxy.close();
    }
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('lists exactly the rules it broke', () => {
    expect([...new Set(report.findings.map((f) => f.rule))].sort()).toEqual([
      'idempotency/key-missing',
      'idempotency/key-not-reused',
      'retry-after/ignored',
      'secrets/in-query',
    ]);
    expect(report.clean).toBe(false);
    expect(report.errors).toBe(report.findings.length);
  });

  it('never quotes the secret, the token or the client secret', () => {
    const text = JSON.stringify(report);
    const { clientSecret } = credentialsOf('vendor-demo');
    expect(text).not.toContain(secretValue);
    expect(text).not.toContain(clientSecret);
    expect(text).not.toMatch(/Bearer/i);
    expect(report.findings.find((f) => f.rule === 'secrets/in-query')).toMatchObject({
      operation: 'getHealth',
      path: '/v1/health',
      message: { en: expect.stringContaining('access_token') },
    });
  });
});

/** Raw fetch, the way a hand-written client gets it wrong. */
async function misbehave(base: string, secretValue: string): Promise<void> {
  const { clientId, clientSecret } = credentialsOf('vendor-demo');
  const tokenAnswer = await fetch(`${base}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  expect(tokenAnswer.status).toBe(200);
  const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
  const health = await fetch(`${base}/v1/health?access_token=${secretValue}`);
  await health.arrayBuffer();
  const batch = (key?: string) =>
    fetch(`${base}/v1/catalog/resources/${encodeURIComponent(HOUSEHOLD_RESOURCE)}/records/batch`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: '{}',
    }).then(async (answer) => {
      await answer.arrayBuffer();
      return answer.status;
    });
  // A vendor may not write (403): the proxy judges the request, whatever the exchange answers.
  expect(await batch()).toBe(403);
  expect(await batch('key-a')).toBe(403);
  expect(await batch('key-a')).toBe(429);
  // Straight away, with a new key: both the Retry-After and the key are ignored.
  expect(await batch('key-b')).toBe(429);
}
