import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An exchange's answer as the proxy holds it, whole. */
export interface HeldAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Returns the answer to send instead of the exchange's, or undefined to pass the exchange's on. */
export type Fault = (incoming: IncomingMessage, answer: HeldAnswer) => HeldAnswer | undefined;

export interface FaultyProxy {
  url: string;
  close(): void;
}

/** A JSON answer of the proxy's own. */
export function jsonAnswer(status: number, body: unknown): HeldAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

/** The problem code of an answer, if it is a problem. */
export function problemCode(answer: HeldAnswer): string | undefined {
  if (!String(answer.headers['content-type'] ?? '').startsWith('application/problem+json')) return undefined;
  return (JSON.parse(answer.body.toString('utf8')) as { code?: string }).code;
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * An exchange in front of the sandbox that breaks exactly one behaviour: every request goes through unchanged,
 * every answer is held whole and handed to `fault`, which may replace it.
 */
export function faultyProxy(target: string, fault: Fault): Promise<FaultyProxy> {
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = request(
      `${target}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers },
      async (response) => {
        const held: HeldAnswer = {
          status: response.statusCode ?? 502,
          headers: { ...response.headers },
          body: await collect(response),
        };
        const sent = fault(incoming, held) ?? held;
        const { 'transfer-encoding': _chunked, ...kept } = sent.headers;
        const headers = { ...kept, 'content-length': String(sent.body.length) };
        outgoing.writeHead(sent.status, headers).end(sent.body);
      },
    );
    incoming.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}
