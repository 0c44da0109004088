import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationMap } from '../generated/operations';
import { ComplianceChecker } from './checker';
import type { ObservedOutcome } from './client-history';
import { endToEndHeaders, forward, MAX_CAPTURE_BYTES, nextCursorOf } from './forward';
import type { ObservedRequest } from './observed';
import { sendProblem } from './proxy-problem';
import { buildComplianceReport, type ComplianceReport } from './report';

export interface ComplianceProxyOptions {
  /** The exchange (or sandbox) to forward to, e.g. `http://127.0.0.1:7300`. */
  target: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Largest request body the proxy reads (default 64 MiB); larger → 413. */
  maxBodyBytes?: number;
}

export interface RunningComplianceProxy {
  /** Where the application should send its requests. */
  readonly url: string;
  close(): Promise<void>;
  /** The report as of now (pages not followed are judged at this moment). */
  report(): ComplianceReport;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Operations that answer pages: their answers are read (as well as forwarded) for `nextCursor`. */
const paginated = new Set(
  Object.entries(operationMap)
    .filter(([, route]) => {
      const shape = (route.request as { query?: { shape?: object } }).query?.shape ?? {};
      return Object.hasOwn(shape, 'cursor') || Object.hasOwn(shape, 'after');
    })
    .map(([id]) => id),
);

type BodyResult = { ok: true; body: Buffer } | { ok: false };

/** Reads a request body up to `limit` bytes; over it, stops reading and says so. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ ok: false }));
  });
}

function splitUrl(url: string): { path: string; query: [string, string][] } {
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  return { path, query: mark < 0 ? [] : [...new URLSearchParams(url.slice(mark + 1))] };
}

/**
 * A local HTTP proxy that forwards each request of a vendor's application to `target` unchanged, answers
 * unchanged, and meanwhile checks each request against the contract (see rules.ts).
 */
export async function startComplianceProxy(options: ComplianceProxyOptions): Promise<RunningComplianceProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError(`the target must be an http(s) URL (目标地址须为 http(s) URL): ${target.protocol}`);
  }
  const checker = new ComplianceChecker();
  const startedAt = Date.now();
  const context: ProxyContext = {
    target,
    checker,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
  const server = createServer((req, res) => {
    handle(context, req, res).catch(() => sendProblem(res, proxyFailure));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () => close(server),
    report: () =>
      buildComplianceReport({
        target: options.target,
        startedAt,
        endedAt: Date.now(),
        requests: checker.requests(),
        findings: checker.findings(),
      }),
  };
}

interface ProxyContext {
  target: URL;
  checker: ComplianceChecker;
  maxBodyBytes: number;
}

const proxyFailure = {
  status: 500,
  code: 'proxy.failed',
  title: 'Proxy failure',
  zh: '代理内部错误',
  detail: 'The compliance proxy failed on this request',
};

async function handle(context: ProxyContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = req.url ?? '/';
  const { path, query } = splitUrl(url);
  const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined;
  const read = await readBody(req, context.maxBodyBytes);
  if (!read.ok) {
    context.checker.note({
      rule: 'proxy/body-too-large',
      method,
      path,
      at,
      message: {
        zh: `请求体超过 ${context.maxBodyBytes} 字节，未转发`,
        en: `the body is over ${context.maxBodyBytes} bytes; not forwarded`,
      },
    });
    sendProblem(res, tooLarge(context.maxBodyBytes), requestId);
    return;
  }
  const observed: ObservedRequest = { method, path, query, headers: req.headers, body: read.body, at };
  const { operationId, settle } = context.checker.observe(observed);
  relay(context, { observed, url, operationId, requestId }, res, once(settle));
}

function tooLarge(limit: number) {
  return {
    status: 413,
    code: 'proxy.body_too_large',
    title: 'Request body too large',
    zh: `请求体超过合规代理的上限 ${limit} 字节`,
    detail: `The request body is larger than the compliance proxy accepts (${limit} bytes)`,
  };
}

function once(settle: (outcome: ObservedOutcome) => void): (outcome: ObservedOutcome) => void {
  let done = false;
  return (outcome) => {
    if (done) return;
    done = true;
    settle(outcome);
  };
}

interface Relayed {
  observed: ObservedRequest;
  url: string;
  operationId?: string;
  requestId?: string;
}

/** Forwards, streams the answer back unchanged, and reports its outcome (status, Retry-After, nextCursor). */
function relay(
  context: ProxyContext,
  { observed, url, operationId, requestId }: Relayed,
  res: ServerResponse,
  settle: (outcome: ObservedOutcome) => void,
): void {
  const { method, path, headers, body } = observed;
  let status: number | undefined;
  let clientGone = false;
  const outgoing = forward(
    { target: context.target, method, url, headers, body },
    (answer) => {
      status = answer.statusCode ?? 502;
      const retryAfter = answer.headers['retry-after'];
      const capture = operationId !== undefined && paginated.has(operationId) && status === 200;
      const chunks: Buffer[] = [];
      let captured = 0;
      res.writeHead(status, answer.statusMessage, endToEndHeaders(answer.headers));
      answer.on('data', (chunk: Buffer) => {
        if (capture && captured <= MAX_CAPTURE_BYTES) {
          captured += chunk.length;
          chunks.push(chunk);
        }
      });
      answer.on('end', () => {
        const nextCursor =
          capture && captured <= MAX_CAPTURE_BYTES
            ? nextCursorOf(Buffer.concat(chunks), answer.headers['content-encoding'])
            : undefined;
        settle({ status, ...(retryAfter ? { retryAfter } : {}), nextCursor, at: Date.now() });
      });
      answer.on('error', () => {
        settle({ status, at: Date.now() });
        res.destroy();
      });
      answer.pipe(res);
    },
    () => {
      // Destroyed because the client left (see below), or failed mid-answer: nothing to tell the client.
      if (clientGone || status !== undefined) return res.destroy();
      context.checker.note({
        rule: 'proxy/target-unreachable',
        ...(operationId ? { operation: operationId } : {}),
        method,
        path,
        at: Date.now(),
        message: { zh: '无法连接目标交换平台', en: 'the target exchange could not be reached' },
      });
      settle({ at: Date.now() });
      sendProblem(res, unreachable, requestId);
    },
  );
  // The client gave up (a timeout, an abort) before the answer ended: the attempt failed, stop the upstream one.
  res.on('close', () => {
    if (res.writableFinished) return;
    clientGone = true;
    outgoing.destroy();
    settle({ ...(status !== undefined ? { status } : {}), at: Date.now() });
  });
}

const unreachable = {
  status: 502,
  code: 'proxy.target_unreachable',
  title: 'Target exchange unreachable',
  zh: '合规代理无法连接目标交换平台',
  detail: 'The compliance proxy could not reach the target exchange',
};

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
