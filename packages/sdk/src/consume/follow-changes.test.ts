import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExchangeClient } from '../client';
import { Paginator } from '../client/core/pagination';
import type { Schema } from '../generated';
import { followChanges } from './follow-changes';

type Change = Schema<'Change'>;

const at = '2026-01-01T00:00:00Z';
const up = (seq: number, id: string, name: string): Change => ({
  seq,
  op: 'upsert',
  key: { id },
  record: { id, name },
  at,
});
const del = (seq: number, id: string): Change => ({ seq, op: 'delete', key: { id }, at });

/** A feed of `changes`, `pageSize` a page, with the exchange's cursors (the seq of a page's last change). */
function feedClient(changes: Change[], pageSize = 2): ExchangeClient {
  const fetchPage = async (after: string | undefined) => {
    const from = after === undefined ? 0 : Number(after);
    const items = changes.filter((c) => c.seq > from).slice(0, pageSize);
    const last = items[items.length - 1];
    return { items, nextCursor: last ? String(last.seq) : null, requestId: 'r' };
  };
  return {
    records: {
      changes: (_code: string, query: { after?: string }) => new Paginator(fetchPage, query.after),
    },
    catalog: { get: async () => ({ data: { entry: { items: [{ key: 'id' }], key: ['id'] } } }) },
  } as unknown as ExchangeClient;
}

async function files() {
  const dir = await mkdtemp(join(tmpdir(), 'unsilo-follow-'));
  return { copy: join(dir, 'copy.ndjson'), state: join(dir, 'copy.state.json') };
}

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('followChanges', () => {
  it('applies upserts and deletes page by page and saves the position', async () => {
    const paths = await files();
    const changes = [up(1, 'a', 'A'), up(2, 'b', 'B'), up(3, 'a', 'A2'), del(4, 'b'), up(5, 'c', 'C')];
    const pages: string[] = [];
    const counts = await followChanges({
      client: feedClient(changes),
      code: 'R',
      ...paths,
      once: true,
      onPage: (p) => pages.push(p.cursor),
    });
    expect(counts).toEqual({ upserts: 4, deletes: 1, records: 2 });
    expect(pages).toEqual(['2', '4', '5']);
    expect(await lines(paths.copy)).toEqual([
      { id: 'a', name: 'A2' },
      { id: 'c', name: 'C' },
    ]);
    expect(JSON.parse(await readFile(paths.state, 'utf8'))).toMatchObject({ resource: 'R', cursor: '5' });
  });

  it('resumes from the state: a second run applies only the newer changes', async () => {
    const paths = await files();
    const changes = [up(1, 'a', 'A'), up(2, 'b', 'B')];
    await followChanges({ client: feedClient(changes), code: 'R', ...paths, once: true });
    changes.push(del(3, 'a'), up(4, 'd', 'D'));
    const second = await followChanges({ client: feedClient(changes), code: 'R', ...paths, once: true });
    expect(second).toEqual({ upserts: 1, deletes: 1, records: 2 });
    expect(await lines(paths.copy)).toEqual([
      { id: 'b', name: 'B' },
      { id: 'd', name: 'D' },
    ]);
  });

  it('stops after the page in hand when the signal aborts', async () => {
    const paths = await files();
    const stop = new AbortController();
    const changes = [up(1, 'a', 'A'), up(2, 'b', 'B'), up(3, 'c', 'C')];
    const counts = await followChanges({
      client: feedClient(changes, 1),
      code: 'R',
      ...paths,
      signal: stop.signal,
      intervalMs: 3_600_000,
      onPage: () => stop.abort(),
    });
    expect(counts).toEqual({ upserts: 1, deletes: 0, records: 1 });
    expect(JSON.parse(await readFile(paths.state, 'utf8')).cursor).toBe('1');
  });

  it('leaves an empty copy and a state without a position after a first follow of an empty feed', async () => {
    const paths = await files();
    const counts = await followChanges({ client: feedClient([]), code: 'R', ...paths, once: true });
    expect(counts).toEqual({ upserts: 0, deletes: 0, records: 0 });
    expect(await readFile(paths.copy, 'utf8')).toBe('');
    expect(JSON.parse(await readFile(paths.state, 'utf8'))).toMatchObject({ resource: 'R', cursor: null });
  });

  it('refuses a state file of another resource', async () => {
    const paths = await files();
    await followChanges({ client: feedClient([up(1, 'a', 'A')]), code: 'R', ...paths, once: true });
    await expect(
      followChanges({ client: feedClient([]), code: 'OTHER', ...paths, once: true }),
    ).rejects.toMatchObject({ code: 'follow.state_mismatch' });
  });
});
