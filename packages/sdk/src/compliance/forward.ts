import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** Headers of one connection only (RFC 9110 §7.6.1): never forwarded either way. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers minus hop-by-hop ones, including those the Connection header names. */
export function endToEndHeaders(
  headers: IncomingHttpHeaders,
  drop: readonly string[] = [],
): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.includes(name) || drop.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

export interface ForwardRequest {
  target: URL;
  method: string;
  /** Path and query as the client sent them. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request to the target; the answer comes to `onResponse`, a failure to connect to `onError`. */
export function forward(
  request: ForwardRequest,
  onResponse: (answer: IncomingMessage) => void,
  onError: (error: Error) => void,
): http.ClientRequest {
  const base = request.target.pathname.replace(/\/+$/, '');
  const headers = endToEndHeaders(request.headers, ['host', 'content-length']);
  if (request.body.length > 0 || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(request.method)) {
    headers['content-length'] = request.body.length;
  }
  const transport = request.target.protocol === 'https:' ? https : http;
  const outgoing = transport.request(
    {
      protocol: request.target.protocol,
      hostname: request.target.hostname,
      port: request.target.port || undefined,
      method: request.method,
      path: base + request.url,
      headers,
    },
    onResponse,
  );
  outgoing.on('error', onError);
  outgoing.end(request.body);
  return outgoing;
}

/** List answers larger than this are streamed through without reading their cursor. */
export const MAX_CAPTURE_BYTES = 32 * 1024 * 1024;

/** A captured JSON answer's `nextCursor` (undecodable or absent: undefined). */
export function nextCursorOf(bytes: Buffer, contentEncoding: string | undefined): string | null | undefined {
  try {
    const encoding = (contentEncoding ?? '').trim().toLowerCase();
    // A compressed answer is inflated with a ceiling: a small bomb cannot take the proxy's memory.
    const limit = { maxOutputLength: MAX_CAPTURE_BYTES };
    const plain =
      encoding === 'gzip'
        ? gunzipSync(bytes, limit)
        : encoding === 'br'
          ? brotliDecompressSync(bytes, limit)
          : encoding === 'deflate'
            ? inflateSync(bytes, limit)
            : bytes;
    const value = JSON.parse(plain.toString('utf8')) as { nextCursor?: unknown };
    const cursor = value?.nextCursor;
    return typeof cursor === 'string' || cursor === null ? cursor : undefined;
  } catch {
    return undefined;
  }
}
