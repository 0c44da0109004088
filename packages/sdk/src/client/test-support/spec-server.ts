import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server for the client's tests. It answers every operation of the contract with the
 * example the OpenAPI document gives for it, checks credentials the way the exchange does (bearer
 * tokens from `issueToken`, or HMAC signatures re-computed here with node:crypto, independently of
 * the client's Web Crypto code), and misbehaves on
 * demand: status faults with Retry-After, connection resets, slow answers, refused tokens.
 */

export type Fault =
  | { status: number; retryAfter?: string; code?: string; body?: unknown }
  | { reset: true }
  | { delayMs: number }
  /** Send the status line, headers and half the body, then stall (or drop the connection). */
  | { partialBody: 'stall' | 'reset' };

export interface RecordedRequest {
  operationId: string | undefined;
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface SpecServerOptions {
  /** clientId → clientSecret accepted by the server. */
  clients?: Record<string, string>;
  /** `expires_in` of issued tokens (s). Default 3600. */
  tokenTtlSeconds?: number;
  /** Delay every token answer (ms), to let concurrent callers pile up. */
  tokenDelayMs?: number;
  /** Serve the API under this path prefix, as behind a gateway (e.g. `/exchange`). */
  basePath?: string;
}

export type Handler = (request: RecordedRequest, params: Record<string, string>) => Answer | Promise<Answer>;
export interface Answer {
  status: number;
  body?: unknown;
  /** Sent byte for byte instead of `body` (which is JSON-serialised): for answers that are not JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

interface Route {
  operationId: string;
  method: string;
  pattern: RegExp;
  names: string[];
  anonymous: boolean;
  example: Answer | undefined;
}

type Json = Record<string, unknown>;

const require = createRequire(import.meta.url);
let cachedSpec: Json | undefined;

export function loadSpec(): Json {
  if (cachedSpec) return cachedSpec;
  let file: string;
  try {
    file = require.resolve('@unsilo/spec/openapi.json');
  } catch {
    throw new Error('packages/spec/dist/openapi.json is missing: run `npm run build -w packages/spec` first');
  }
  cachedSpec = JSON.parse(readFileSync(file, 'utf8')) as Json;
  return cachedSpec;
}

function resolveRef(spec: Json, value: unknown): unknown {
  let current = value;
  for (let depth = 0; depth < 10; depth += 1) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, key) => (node as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        spec,
      );
  }
  return current;
}

function exampleOf(spec: Json, media: Json | undefined): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const examples = media.examples as Json | undefined;
  if (examples) {
    const first = resolveRef(spec, Object.values(examples)[0]) as Json | undefined;
    if (first && 'value' in first) return first.value;
  }
  const schema = resolveRef(spec, media.schema) as Json | undefined;
  if (schema?.example !== undefined) return schema.example;
  if (Array.isArray(schema?.examples)) return schema.examples[0];
  return undefined;
}

function buildRoutes(spec: Json): Route[] {
  const routes: Route[] = [];
  const globalSecurity = spec.security as unknown[] | undefined;
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const names: string[] = [];
      const pattern = new RegExp(
        `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        })}$`,
      );
      const security = (operation.security as unknown[] | undefined) ?? globalSecurity ?? [];
      let example: Answer | undefined;
      const responses = (operation.responses ?? {}) as Json;
      const success = Object.keys(responses)
        .filter((status) => /^2\d\d$/.test(status))
        .sort()[0];
      if (success) {
        const response = resolveRef(spec, responses[success]) as Json;
        const content = response.content as Record<string, Json> | undefined;
        const media = content?.['application/json'] ?? (content ? Object.values(content)[0] : undefined);
        example = { status: Number(success), body: exampleOf(spec, media) };
      }
      routes.push({
        operationId: String(operation.operationId),
        method: method.toUpperCase(),
        pattern,
        names,
        anonymous: security.length === 0 || security.some((entry) => Object.keys(entry as Json).length === 0),
        example,
      });
    }
  }
  return routes;
}

function problem(status: number, code: string, title: string, requestId: string, extra: Json = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: { type: `https://unsilo.dev/problems/${code}`, title, status, code, requestId, ...extra },
  };
}

export class SpecServer {
  readonly requests: RecordedRequest[] = [];
  /** Token requests received (valid or not). */
  tokenRequests = 0;
  url = '';
  readonly #routes: Route[];
  readonly #clients: Record<string, string>;
  readonly #tokenTtl: number;
  readonly #tokenDelayMs: number;
  readonly #basePath: string;
  readonly #tokens = new Map<string, { clientId: string; expiresAt: number }>();
  readonly #nonces = new Set<string>();
  readonly #faults: Array<{ operationId: string; fault: Fault }> = [];
  readonly #handlers = new Map<string, Handler>();
  readonly #server = createServer((req, res) => {
    this.#handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  constructor(options: SpecServerOptions = {}) {
    this.#routes = buildRoutes(loadSpec());
    this.#clients = options.clients ?? {};
    this.#tokenTtl = options.tokenTtlSeconds ?? 3600;
    this.#tokenDelayMs = options.tokenDelayMs ?? 0;
    this.#basePath = options.basePath ?? '';
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${this.#basePath}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The next matching requests get these faults, one each, in order. */
  inject(operationId: string, ...faults: Fault[]): void {
    for (const fault of faults) this.#faults.push({ operationId, fault });
  }

  /** Answers an operation with a handler instead of the spec's example. */
  handle(operationId: string, handler: Handler): void {
    this.#handlers.set(operationId, handler);
  }

  /** Serves `items` for a list operation in cursor pages of `limit` (default 100). */
  paginate(operationId: string, items: unknown[], cursorParam = 'cursor'): void {
    this.handle(operationId, (request) => {
      const query = new URL(request.url, 'http://x').searchParams;
      const limit = Number(query.get('limit') ?? 100);
      const offset = Number(query.get(cursorParam) ?? 0);
      const next = offset + limit < items.length ? String(offset + limit) : null;
      return { status: 200, body: { items: items.slice(offset, offset + limit), nextCursor: next } };
    });
  }

  /** Makes every token issued so far invalid, as after a key rotation or server restart. */
  revokeTokens(): void {
    this.#tokens.clear();
  }

  /** The example answer the spec gives for an operation. */
  example(operationId: string): unknown {
    return this.#routes.find((route) => route.operationId === operationId)?.example?.body;
  }

  requestsFor(operationId: string): RecordedRequest[] {
    return this.requests.filter((request) => request.operationId === operationId);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? '/';
    const fullPath = url.split('?')[0] ?? '/';
    const pathname = fullPath.startsWith(this.#basePath) ? fullPath.slice(this.#basePath.length) : fullPath;
    const method = req.method ?? 'GET';
    let route: Route | undefined;
    let params: Record<string, string> = {};
    for (const candidate of this.#routes) {
      if (candidate.method !== method) continue;
      const match = candidate.pattern.exec(pathname);
      if (!match) continue;
      route = candidate;
      params = Object.fromEntries(
        candidate.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
      );
      break;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const recorded: RecordedRequest = {
      operationId: route?.operationId,
      method,
      url,
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(recorded);
    const requestId = headers['x-request-id'] ?? `srv-${this.requests.length}`;

    const answer = await this.#answer(route, recorded, params, requestId, res);
    if (!answer) return;
    const body = answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    res.writeHead(answer.status, {
      'x-request-id': requestId,
      ...(body === '' ? {} : { 'content-type': 'application/json' }),
      ...answer.headers,
    });
    res.end(body);
  }

  async #answer(
    route: Route | undefined,
    request: RecordedRequest,
    params: Record<string, string>,
    requestId: string,
    res: ServerResponse,
  ): Promise<Answer | undefined> {
    if (!route) return problem(404, 'not_found', 'No such operation', requestId);
    const faultIndex = this.#faults.findIndex((entry) => entry.operationId === route.operationId);
    if (faultIndex !== -1) {
      const fault = this.#faults.splice(faultIndex, 1)[0]!.fault;
      if ('reset' in fault) {
        res.socket?.destroy();
        return undefined;
      }
      if ('partialBody' in fault) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"status":"ok","vers');
        if (fault.partialBody === 'reset') setTimeout(() => res.socket?.destroy(), 20);
        return undefined;
      }
      if ('delayMs' in fault) {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      } else {
        const answer = problem(
          fault.status,
          fault.code ?? `test.status_${fault.status}`,
          'Injected fault',
          requestId,
        );
        if (fault.body !== undefined) answer.body = fault.body;
        if (fault.retryAfter !== undefined)
          answer.headers = { ...answer.headers, 'retry-after': fault.retryAfter };
        return answer;
      }
    }
    const handler = this.#handlers.get(route.operationId);
    if (route.operationId === 'issueToken') {
      return handler ? handler(request, params) : this.#issueToken(request, requestId);
    }
    if (!route.anonymous) {
      const refusal = await this.#authenticate(request, requestId);
      if (refusal) return refusal;
    }
    if (handler) return handler(request, params);
    if (!route.example)
      return problem(501, 'test.no_example', `No example for ${route.operationId}`, requestId);
    const body = route.example.body;
    const etag = (body as { etag?: unknown } | undefined)?.etag;
    return { ...route.example, headers: typeof etag === 'string' ? { etag } : {} };
  }

  async #issueToken(request: RecordedRequest, requestId: string): Promise<Answer> {
    this.tokenRequests += 1;
    if (this.#tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#tokenDelayMs));
    const fields = request.headers['content-type']?.includes('json')
      ? new Map(Object.entries(JSON.parse(request.body) as Record<string, string>))
      : new Map(new URLSearchParams(request.body));
    const clientId = fields.get('client_id') ?? '';
    if (
      fields.get('grant_type') !== 'client_credentials' ||
      this.#clients[clientId] !== fields.get('client_secret')
    ) {
      return problem(401, 'auth.invalid_client', 'Unknown client or wrong secret', requestId);
    }
    const token = `tok_${globalThis.crypto.randomUUID()}`;
    this.#tokens.set(token, { clientId, expiresAt: Date.now() + this.#tokenTtl * 1000 });
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: this.#tokenTtl } };
  }

  async #authenticate(request: RecordedRequest, requestId: string): Promise<Answer | undefined> {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const token = this.#tokens.get(authorization.slice(7));
      if (!token || token.expiresAt <= Date.now()) {
        return problem(401, 'auth.invalid_token', 'Token expired or unknown', requestId, {
          zh: '令牌已过期或无效',
        });
      }
      return undefined;
    }
    const clientId = request.headers['x-client-id'];
    if (clientId !== undefined) return this.#verifySignature(clientId, request, requestId);
    return problem(401, 'auth.missing_credentials', 'No credentials', requestId);
  }

  async #verifySignature(
    clientId: string,
    request: RecordedRequest,
    requestId: string,
  ): Promise<Answer | undefined> {
    const secret = this.#clients[clientId];
    const timestamp = request.headers['x-timestamp'] ?? '';
    const nonce = request.headers['x-nonce'] ?? '';
    const signature = request.headers['x-signature'] ?? '';
    if (secret === undefined) return problem(401, 'auth.invalid_signature', 'Unknown client', requestId);
    if (Math.abs(Date.now() - Number(timestamp)) > 5 * 60_000) {
      return problem(401, 'auth.timestamp_out_of_window', 'Timestamp outside ±5 minutes', requestId);
    }
    if (nonce.length < 16 || this.#nonces.has(`${clientId}:${nonce}`)) {
      return problem(401, 'auth.nonce_reused', 'Nonce missing, short or already used', requestId);
    }
    const bodyHash = createHash('sha256').update(request.body, 'utf8').digest('hex');
    const stringToSign = [clientId, timestamp, nonce, request.method, request.url, bodyHash].join('\n');
    const expected = createHmac('sha256', secret).update(stringToSign, 'utf8').digest();
    const given = Buffer.from(signature, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return problem(401, 'auth.invalid_signature', 'Signature mismatch', requestId);
    this.#nonces.add(`${clientId}:${nonce}`);
    return undefined;
  }
}

export async function startSpecServer(options?: SpecServerOptions): Promise<SpecServer> {
  return new SpecServer(options).start();
}
