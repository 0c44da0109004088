import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a faulty exchange changes a request on its way in, or an answer on its way out. */
export interface Rewrite {
  /** The path and query sent on (default: unchanged). */
  url?(method: string, url: string): string;
  /** The answer's body (default: unchanged); `url` is the path and query as the client sent it. */
  body?(method: string, url: string, status: number, body: Buffer): Buffer;
}

export interface RewritingProxy {
  url: string;
  close(): Promise<void>;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** An exchange that is the sandbox except for one rewrite: a proxy on 127.0.0.1 in front of `target`. */
export async function startRewritingProxy(target: string, rewrite: Rewrite): Promise<RewritingProxy> {
  const server: Server = createServer(async (incoming, outgoing) => {
    const method = incoming.method ?? 'GET';
    const url = incoming.url ?? '/';
    const sent = rewrite.url?.(method, url) ?? url;
    const body = await readAll(incoming);
    const upstream = request(`${target}${sent}`, { method, headers: incoming.headers }, async (answer) => {
      const status = answer.statusCode ?? 502;
      const original = await readAll(answer);
      const changed = rewrite.body?.(method, url, status, original) ?? original;
      const headers = { ...answer.headers, 'content-length': String(changed.length) };
      delete headers['transfer-encoding'];
      outgoing.writeHead(status, headers).end(changed);
    });
    upstream.on('error', () => outgoing.writeHead(502).end());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const isBatch = (method: string, url: string) => method === 'POST' && /\/records\/batch(\?|$)/.test(url);

/** One digit of the receipt's hash changed in every successful batch answer: still a well-formed receipt. */
export function tamperReceiptHash(method: string, url: string, status: number, body: Buffer): Buffer {
  if (!isBatch(method, url) || status !== 200) return body;
  const answer = JSON.parse(body.toString('utf8')) as { receipt: { hash: string } };
  const hash = answer.receipt.hash;
  answer.receipt.hash = `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`;
  return Buffer.from(JSON.stringify(answer), 'utf8');
}

/** A receipt-tampering exchange: it acknowledges every batch with a receipt its own keys do not verify. */
export function startReceiptTamperProxy(target: string): Promise<RewritingProxy> {
  return startRewritingProxy(target, { body: tamperReceiptHash });
}

/** A feed that forgets where the reader was: `after` is dropped, so every read starts from the beginning. */
export function startFeedRestartProxy(target: string): Promise<RewritingProxy> {
  return startRewritingProxy(target, {
    url: (method, url) =>
      method === 'GET' && /\/changes\?/.test(url) ? url.replace(/([?&])after=[^&]*&?/, '$1') : url,
  });
}
