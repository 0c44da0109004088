import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Exchanges that break exactly one behaviour of the records and limits checks, for tests that prove the checks
 * can fail:
 * - `acknowledge-unstored`: answers every record batch 200 with a plausible BatchResult (every operation accepted,
 *   a receipt of the right shape) and never forwards it — it acknowledges batches it never stored;
 * - `no-retry-after`: forwards everything but drops the `Retry-After` header of a 429;
 * - `offset-paging`: pages records by position (`cursor` = how many records came before) instead of by key, so a
 *   record inserted before the position during a read shifts the rest and one is returned twice.
 */
export type CatalogRecordsFault = 'acknowledge-unstored' | 'no-retry-after' | 'offset-paging';

export interface FaultyExchange {
  url: string;
  close(): Promise<void>;
}

const RECORDS_PATH = /^(\/v1\/catalog\/resources\/[^/?]+\/records)(?:\?|$)/;
const BATCH_PATH = /^\/v1\/catalog\/resources\/([^/?]+)\/records\/batch(?:\?|$)/;

/** The batch a body holds, as far as it is one (the proxy acknowledges whatever comes). */
function batchOf(body: Buffer): { upserts: number; deletes: number } {
  let batch: { upsert?: unknown; delete?: unknown } = {};
  try {
    batch = (JSON.parse(body.toString('utf8')) as typeof batch | null) ?? {};
  } catch {
    // Not JSON: acknowledged as an empty batch.
  }
  const length = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  return { upserts: length(batch.upsert), deletes: length(batch.delete) };
}

/** A BatchResult the contract's schema accepts, every operation accepted, for a batch nobody stored. */
function acknowledgement(resource: string, body: Buffer, idempotencyKey: string) {
  const { upserts, deletes } = batchOf(body);
  const count = upserts + deletes;
  const batchId = randomUUID();
  const results = [
    ...Array.from({ length: upserts }, (_, index) => ({ index, op: 'upsert', status: 'accepted' })),
    ...Array.from({ length: deletes }, (_, index) => ({ index, op: 'delete', status: 'accepted' })),
  ];
  const receipt = {
    kid: 'fake-key',
    alg: 'Ed25519',
    resource,
    batchId,
    idempotencyKey,
    count,
    accepted: count,
    rejected: 0,
    hash: '0'.repeat(64),
    serverTime: new Date().toISOString(),
    signature: 'AAAA',
  };
  return { batchId, resource, accepted: count, rejected: 0, results, receipt };
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A page of records by position: every record read from `target` with the caller's token, then sliced. A refusal
 * of the exchange is passed on as it came.
 */
async function offsetPage(target: string, incoming: IncomingMessage, path: string): Promise<Answer> {
  const query = new URL(incoming.url ?? '', 'http://proxy').searchParams;
  const limit = Number(query.get('limit') ?? 100);
  const offset = Number(Buffer.from(query.get('cursor') ?? '', 'base64url').toString('utf8') || 0);
  const all: unknown[] = [];
  let cursor: string | null = null;
  do {
    const url = `${target}${path}?limit=1000${cursor ? `&cursor=${cursor}` : ''}`;
    const answer = await fetch(url, { headers: { authorization: String(incoming.headers.authorization) } });
    const contentType = answer.headers.get('content-type') ?? '';
    if (answer.status !== 200) return { status: answer.status, contentType, body: await answer.text() };
    const page = (await answer.json()) as { items: unknown[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const end = offset + limit;
  const nextCursor = end < all.length ? Buffer.from(String(end), 'utf8').toString('base64url') : null;
  const body = JSON.stringify({ items: all.slice(offset, end), nextCursor });
  return { status: 200, contentType: 'application/json', body };
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

/** Starts the faulty exchange in front of `target` on 127.0.0.1. */
export async function startFaultyExchange(
  target: string,
  fault: CatalogRecordsFault,
): Promise<FaultyExchange> {
  const server: Server = createServer(async (incoming, outgoing) => {
    const body = await readBody(incoming);
    const batch = BATCH_PATH.exec(incoming.url ?? '');
    if (fault === 'acknowledge-unstored' && incoming.method === 'POST' && batch) {
      const key = incoming.headers['idempotency-key'];
      const answer = acknowledgement(decodeURIComponent(batch[1]!), body, typeof key === 'string' ? key : '');
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return;
    }
    const records = RECORDS_PATH.exec(incoming.url ?? '');
    // Filtered queries pass through: the fault is in paging, not in filtering.
    const filtered = (incoming.url ?? '').includes('filter');
    if (fault === 'offset-paging' && incoming.method === 'GET' && records && !filtered) {
      const page = await offsetPage(target, incoming, records[1]!);
      outgoing.writeHead(page.status, { 'content-type': page.contentType }).end(page.body);
      return;
    }
    const upstream = request(
      `${target}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const headers = { ...answer.headers };
        if (fault === 'no-retry-after' && answer.statusCode === 429) delete headers['retry-after'];
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
