import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What can go wrong between a department and the exchange:
 * - `reset`: the connection is cut before the request reaches the exchange;
 * - `503` / `429`: the exchange (or a gateway) refuses, 429 with `Retry-After`;
 * - `stall`: nothing comes back for `stallMs` (longer than the client's timeout), then the connection drops;
 * - `drop-after-commit`: the exchange receives and commits the request, but the answer never arrives.
 */
export type Fault = 'reset' | '503' | '429' | 'stall' | 'drop-after-commit';

export const allFaults: readonly Fault[] = ['reset', '503', '429', 'stall', 'drop-after-commit'];

export interface FaultProxyOptions {
  /** The exchange behind the proxy, e.g. `http://127.0.0.1:7300`. */
  target: string;
  /** Probability of a fault per matching request (0..1). */
  rate: number;
  /** Seed of the fault sequence, so a failing run can be replayed. */
  seed: number;
  faults?: readonly Fault[];
  /** Which requests may be hit (default: record batches). */
  match?: (method: string, url: string) => boolean;
  stallMs?: number;
  retryAfterSeconds?: number;
}

export interface FaultProxy {
  url: string;
  /** How many times each fault was injected, and how many requests passed untouched. */
  stats: Record<Fault | 'passed', number>;
  close(): Promise<void>;
}

/** A small, seedable PRNG (mulberry32): the same seed gives the same fault sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isBatch = (method: string, url: string) => method === 'POST' && /\/records\/batch(\?|$)/.test(url);

/** Starts an HTTP proxy on 127.0.0.1 that forwards to `target` and injects faults at random. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  const faults = options.faults ?? allFaults;
  const match = options.match ?? isBatch;
  const stallMs = options.stallMs ?? 10_000;
  const stats: FaultProxy['stats'] = {
    reset: 0,
    '503': 0,
    '429': 0,
    stall: 0,
    'drop-after-commit': 0,
    passed: 0,
  };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const upstream = httpRequest(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const problem = (res: ServerResponse, status: number, extra: Record<string, string> = {}) => {
    const body = JSON.stringify({
      type: 'about:blank',
      title: status === 429 ? 'Too Many Requests' : 'Service Unavailable',
      status,
      code: status === 429 ? 'rate_limited' : 'unavailable',
    });
    res.writeHead(status, {
      'content-type': 'application/problem+json',
      'content-length': Buffer.byteLength(body),
      ...extra,
    });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    let fault: Fault | undefined;
    if (match(method, url) && random() < options.rate) fault = faults[Math.floor(random() * faults.length)];
    if (fault) stats[fault] += 1;
    else stats.passed += 1;
    try {
      switch (fault) {
        case 'reset':
          req.socket.destroy();
          return;
        case '503':
          problem(res, 503);
          return;
        case '429':
          problem(res, 429, { 'retry-after': String(options.retryAfterSeconds ?? 1) });
          return;
        case 'stall': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            req.socket.destroy();
          }, stallMs);
          timers.add(timer);
          return;
        }
        case 'drop-after-commit':
          await forward(req, body);
          req.socket.destroy();
          return;
        default: {
          const answer = await forward(req, body);
          const headers = { ...answer.headers };
          delete headers['transfer-encoding'];
          delete headers.connection;
          headers['content-length'] = String(answer.body.length);
          res.writeHead(answer.status, headers);
          res.end(answer.body);
        }
      }
    } catch {
      req.socket.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
