import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoSeedFile, type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient } from '@unsilo/sdk';
import { conformanceChecks, credentialsFromSeed, runConformance } from '@unsilo/sdk/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { testStorage } from '../sandbox/support/demo';

/** An exchange that grants what it should refuse: its one 403 on creating an entry becomes a 200. */
function grantingProxy(target: string): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      `${target}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const granted =
          answer.statusCode === 403 && incoming.method === 'POST' && incoming.url === '/v1/catalog/resources';
        if (granted) {
          answer.resume();
          outgoing.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Low enough that limits/rate-limited meets a 429 within its burst, high enough that no other check comes near
 * it (providerA, the busiest client, sends about 200 requests in a run).
 */
const REQUESTS_PER_MINUTE = 600;

describe('unsilo conformance', () => {
  let sandbox: RunningSandbox;
  // A sandbox of its own behind the proxy: the first run spent the vendor's allowance for a minute.
  let proxied: RunningSandbox;
  let proxy: Server;
  beforeAll(async () => {
    sandbox = await startSandbox({ ...(await testStorage()), requestsPerMinute: REQUESTS_PER_MINUTE });
    proxied = await startSandbox(await testStorage());
    proxy = await grantingProxy(proxied.url);
  });
  afterAll(async () => {
    proxy.close();
    await Promise.all([sandbox.close(), proxied.close()]);
  });

  it('passes every check against the sandbox, reaches every operation and withdraws what it filed', async () => {
    const report = await runConformance({
      baseUrl: sandbox.url,
      credentials: credentialsFromSeed(demoSeedFile),
    });
    // Only the expiry check waits for short-lived tokens; the sandbox's live an hour (auth-access.test.ts
    // runs it against a sandbox whose tokens live 2 s).
    expect(report.results.filter((r) => r.outcome !== 'pass').map((r) => [r.id, r.outcome])).toEqual([
      ['auth/expired-token', 'skip'],
    ]);
    expect(report.results.map((r) => r.id)).toEqual(conformanceChecks.map((c) => c.id));
    expect(report.passed).toBe(conformanceChecks.length - 1);
    expect(report.unreached).toEqual([]);
    expect(report.created.length).toBeGreaterThan(10);
    expect(report.created.filter((entry) => !entry.withdrawn)).toEqual([]);
    // The exchange itself, not the report, says every entry the run filed is withdrawn.
    const { clientId, clientSecret } = credentialsFromSeed(demoSeedFile).providerA;
    const providerA = createExchangeClient({
      baseUrl: sandbox.url,
      auth: { type: 'clientCredentials', clientId, clientSecret },
    });
    const statuses = await Promise.all(
      report.created.map(async (entry) => (await providerA.catalog.get(entry.code)).data.status),
    );
    expect(new Set(statuses)).toEqual(new Set(['withdrawn']));
  });

  it('fails the role check, exit 1, against an exchange that grants what it should refuse', async () => {
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const run = await runCli(['conformance', '--base-url', url, '--seed', demoSeedFile, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { results: { id: string; outcome: string }[]; failed: number };
    expect(report.results.filter((r) => r.outcome === 'fail').map((r) => r.id)).toEqual([
      'roles/vendor-cannot-create-entry',
    ]);
    const secret = credentialsFromSeed(demoSeedFile).providerA.clientSecret;
    expect(run.stdout).not.toContain(secret);
  });

  it('exits 2 when the exchange cannot be reached', async () => {
    const run = await runCli(['conformance', '--base-url', 'http://127.0.0.1:9', '--seed', demoSeedFile]);
    expect(run.code).toBe(2);
  });
});
