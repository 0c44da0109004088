import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createExchangeClient } from './create-client';
import { ExchangeHttpError } from './errors/ExchangeHttpError';

/**
 * A department developer's first mistakes: a URL that points at a web server rather than the exchange, a
 * base URL that already ends in /v1, a gateway that sends an endless error page. Each must end in an error
 * that says what happened, not in a dump of HTML or a hang.
 */

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const nginxPage =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function failureOf(baseUrl: string, timeout = 5_000): Promise<unknown> {
  return createExchangeClient({ baseUrl, retry: false, timeout })
    .health()
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

describe('an address that is no Unsilo exchange', () => {
  it('says so, with the type and status it got, instead of quoting the page', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end(nginxPage);
    });
    const error = await failureOf(url);
    expect(error).toBeInstanceOf(ExchangeHttpError);
    const http = error as ExchangeHttpError;
    expect(http.code).toBe('http.404');
    expect(http.problem.detail).toBe(`No Unsilo exchange answered at ${url}/v1/health (got text/html 404)`);
    expect(http.problem.zh).toBe(`${url}/v1/health 处没有 Unsilo 交换平台应答（收到 text/html 404）`);
    expect(http.message).not.toContain('<');
    expect(JSON.stringify(http)).not.toContain('nginx');
  });

  it('hints that the client adds /v1 when the base URL already ends in it', async () => {
    const url = await serve((req, res) => {
      res.writeHead(req.url?.startsWith('/v1/v1/') ? 404 : 200, {
        'content-type': 'application/problem+json',
      });
      res.end(
        JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'route.not_found' }),
      );
    });
    const error = (await failureOf(`${url}/v1`)) as ExchangeHttpError;
    expect(error.status).toBe(404);
    expect(error.problem.hint).toBe(
      `The base URL ends in /v1, but the client adds /v1 itself: use ${url} (基础地址以 /v1 结尾，客户端会自行加上 /v1：请改用 ${url})`,
    );
    expect(error.message).toContain(`use ${url}`);
  });

  it('reads at most 1 MiB of an error body, so an endless error page ends the call', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      // Two mebibytes, then the connection stays open: reading the whole body would never end.
      for (let i = 0; i < 32; i += 1) res.write(chunk);
    });
    const error = (await failureOf(url, 3_000)) as ExchangeHttpError;
    expect(error).toBeInstanceOf(ExchangeHttpError);
    expect(error.status).toBe(500);
    expect(error.problem.detail).toBe(`No Unsilo exchange answered at ${url}/v1/health (got text/plain 500)`);
  });
});
