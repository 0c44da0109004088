// A load balancer for tests of several exchange instances: each request goes to the next instance in turn. An
// instance that refuses the connection is skipped for this request; one that dies while the request is in flight
// answers 502, as a real balancer does, and the client retries (with the same Idempotency-Key).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** Requests answered by each instance (by its URL). */
  answered: Map<string, number>;
  /** Answers of 502 because an instance died in flight. */
  failedInFlight: number;
  close(): Promise<void>;
}

export async function startRoundRobin(instances: readonly string[]): Promise<RoundRobin> {
  let next = 0;
  const answered = new Map(instances.map((url) => [url, 0]));
  const state = { failedInFlight: 0 };
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const tryInstance = (tries: number) => {
        const target = instances[next++ % instances.length]!;
        const upstream = request(
          `${target}${incoming.url}`,
          { method: incoming.method, headers: incoming.headers },
          (answer) => {
            answered.set(target, (answered.get(target) ?? 0) + 1);
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
            answer.on('error', () => outgoing.destroy());
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && tries < instances.length) return tryInstance(tries + 1);
          state.failedInFlight += 1;
          if (!outgoing.headersSent)
            outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
          else outgoing.destroy();
        });
        upstream.end(body);
      };
      tryInstance(1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    get failedInFlight() {
      return state.failedInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
