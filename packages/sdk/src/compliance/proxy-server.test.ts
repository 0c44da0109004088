import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningComplianceProxy, startComplianceProxy } from './proxy-server';
import { CODE, json } from './test-fixtures';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in exchange: answers by path, and remembers what reached it. */
function fakeExchange(seen: Seen[], hang: (res: ServerResponse) => void): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      // Never answers: the client gives up, as on a timeout. `hang` hears when the proxy drops the attempt.
      if (req.headers['idempotency-key'] === 'slow') {
        hang(res);
        return;
      }
      if (req.method === 'GET' && req.url === '/v1/share-requests') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ items: [], nextCursor: 'next-1' })));
        return;
      }
      res.writeHead(201, { 'content-type': 'text/plain', 'x-answer': 'yes', 'retry-after': '0' });
      res.end('answer bytes');
    });
  });
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

describe('startComplianceProxy', () => {
  const seen: Seen[] = [];
  const hanging: Array<(res: ServerResponse) => void> = [];
  const exchange = fakeExchange(seen, (res) => hanging.shift()?.(res));
  let proxy: RunningComplianceProxy;
  beforeAll(async () => {
    proxy = await startComplianceProxy({ target: await listen(exchange), maxBodyBytes: 1024 });
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => exchange.close(resolve));
  });

  it('forwards method, path, query, headers and body, and answers unchanged', async () => {
    const answer = await fetch(`${proxy.url}/v1/share-requests/abc/refuse?x=1`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'r-1',
        'proxy-authorization': 'Basic x',
      },
      body: JSON.stringify({ reason: '材料不全' }),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-answer')).toBe('yes');
    expect(await answer.text()).toBe('answer bytes');
    const last = seen.at(-1)!;
    expect([last.method, last.url, last.body]).toEqual([
      'POST',
      '/v1/share-requests/abc/refuse?x=1',
      JSON.stringify({ reason: '材料不全' }),
    ]);
    expect(last.headers['x-request-id']).toBe('r-1');
    expect(last.headers['proxy-authorization']).toBeUndefined();
    expect(proxy.report().requests.perOperation.refuseShareRequest).toBe(1);
  });

  it('reads a compressed list answer for its nextCursor while passing it through', async () => {
    const answer = await fetch(`${proxy.url}/v1/share-requests`, {
      headers: { authorization: 'Bearer t-1' },
    });
    expect(await answer.json()).toEqual({ items: [], nextCursor: 'next-1' });
    expect(proxy.report().findings.filter((f) => f.rule === 'pagination/not-followed').length).toBe(1);
  });

  it('counts an attempt the client gave up on as failed: a retry with a new key is a finding', async () => {
    const url = `${proxy.url}/v1/catalog/resources/${CODE}/records/batch`;
    const send = (key: string, signal?: AbortSignal) =>
      fetch(url, {
        method: 'POST',
        headers: { ...json, 'idempotency-key': key },
        body: '{}',
        ...(signal ? { signal } : {}),
      });
    const abort = new AbortController();
    // The exchange sees the attempt, then sees the proxy drop it — by then the proxy has settled the attempt.
    const dropped = new Promise<void>((resolve) =>
      hanging.push((res) => {
        res.on('close', () => resolve());
        abort.abort();
      }),
    );
    const first = send('slow', abort.signal).catch((error: Error) => error.name);
    expect(await first).toBe('AbortError');
    await dropped;
    expect((await send('fresh')).status).toBe(201);
    const rules = proxy.report().findings.map((f) => f.rule);
    expect(rules).toContain('idempotency/key-not-reused');
    expect(rules).not.toContain('proxy/target-unreachable');
  });

  it('refuses a body over its cap with a 413 problem and a finding', async () => {
    const answer = await fetch(`${proxy.url}/v1/share-requests`, { method: 'POST', body: 'x'.repeat(5000) });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(await answer.json()).toMatchObject({
      status: 413,
      code: 'proxy.body_too_large',
      zh: expect.any(String),
    });
    expect(proxy.report().findings.map((f) => f.rule)).toContain('proxy/body-too-large');
  });

  it('survives bytes that are not HTTP', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(proxy.url).port), '127.0.0.1', () =>
        socket.write('\x00\xff garbage\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(reply).toContain('400');
    expect((await fetch(`${proxy.url}/v1/health`)).status).toBe(201);
  });
});

describe('startComplianceProxy with a target that does not answer', () => {
  it('answers 502 with a problem and notes it', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const proxy = await startComplianceProxy({ target: url });
    try {
      const answer = await fetch(`${proxy.url}/v1/health`);
      expect(answer.status).toBe(502);
      expect(await answer.json()).toMatchObject({ code: 'proxy.target_unreachable', status: 502 });
      expect(proxy.report().findings.map((f) => f.rule)).toEqual(['proxy/target-unreachable']);
    } finally {
      await proxy.close();
    }
  });
});
