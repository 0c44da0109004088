import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@unsilo/sandbox';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../sandbox/support/client';
import { entryFor, publishEntry } from '../sandbox/support/demo';

/**
 * Issue 12, finding 3, for databases written before the fix: an entry the contract refuses may already be
 * stored. The exchange names such entries at start (`unsilo sandbox` prints them with what to do).
 */
describe('entries an earlier version stored outside the contract', () => {
  let dir: string;
  let dataFile: string;
  const entry = entryFor('gongan', 870, 'unconditional');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unsilo-outside-contract-'));
    dataFile = join(dir, 'sandbox.db');
    const sandbox = await startSandbox({ dataFile, selfApprove: true });
    await publishEntry(clientFor(sandbox.url, 'gongan'), entry);
    await sandbox.close();
    // What an earlier version let through: an item key with a dot, in both the working and the published copy.
    const broken = JSON.stringify({ ...entry, items: [{ name: '编号', key: 'b.h', type: 'C', length: 20 }] });
    const db = new BetterSqlite3(dataFile);
    db.prepare('UPDATE resources SET entry = ? WHERE code = ?').run(broken, entry.code);
    db.prepare('UPDATE published_entries SET entry = ? WHERE resource_code = ?').run(broken, entry.code);
    db.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are named at start', async () => {
    const sandbox = await startSandbox({ dataFile, selfApprove: true });
    try {
      expect(sandbox.entriesOutsideContract).toEqual([entry.code]);
    } finally {
      await sandbox.close();
    }
  });
});
