import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoSeedFile, type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { conformanceChecks, credentialsFromSeed, runConformance } from '@unsilo/sdk/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

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

describe('unsilo conformance', () => {
  let sandbox: RunningSandbox;
  let proxy: Server;
  beforeAll(async () => {
    sandbox = await startSandbox({ memory: true });
    proxy = await grantingProxy(sandbox.url);
  });
  afterAll(async () => {
    proxy.close();
    await sandbox.close();
  });

  it('passes every check against the sandbox', async () => {
    const report = await runConformance({
      baseUrl: sandbox.url,
      credentials: credentialsFromSeed(demoSeedFile),
    });
    expect(report.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expect(report.passed).toBe(conformanceChecks.length);
    expect(report.passed).toBe(6);
    expect(report.unreached).not.toContain('issueToken');
    expect(report.unreached).not.toContain('createResource');
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
