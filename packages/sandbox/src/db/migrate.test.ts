import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationsDir, readMigrations } from './migrate';
import { openDatabase } from './open-database';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unsilo-migrate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('ship as NNN-name.sql files numbered without gaps from 001', () => {
    const files = readdirSync(migrationsDir).filter((file) => file.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/^\d{3}-[a-z0-9-]+\.sql$/);
    expect(readMigrations().map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
  });

  it('apply in order, record each version, and do nothing the second time', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '002-second.sql'), 'ALTER TABLE t ADD COLUMN b TEXT;');
    writeFileSync(join(dir, '001-first.sql'), 'CREATE TABLE t (a TEXT);');
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, readMigrations(dir))).toEqual([1, 2]);
    expect(db.prepare('SELECT version, name FROM schema_version ORDER BY version').all()).toEqual([
      { version: 1, name: 'first' },
      { version: 2, name: 'second' },
    ]);
    expect(migrate(db, readMigrations(dir))).toEqual([]);
    writeFileSync(join(dir, '003-third.sql'), 'CREATE INDEX t_b ON t(b);');
    expect(migrate(db, readMigrations(dir))).toEqual([3]);
  });

  it('leave the schema at the last good version when a migration fails', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '001-first.sql'), 'CREATE TABLE t (a TEXT);');
    writeFileSync(join(dir, '002-broken.sql'), 'CREATE TABLE u (a TEXT); THIS IS NOT SQL;');
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, readMigrations(dir))).toThrow();
    expect(db.prepare('SELECT max(version) AS v FROM schema_version').get()).toEqual({ v: 1 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'u'").get()).toBeUndefined();
  });

  it('002 keeps the records of a database written by 001, now pointing at their changes', () => {
    const db = new BetterSqlite3(':memory:');
    const all = readMigrations();
    migrate(db, all.slice(0, 1));
    db.exec(`INSERT INTO departments VALUES ('d', 'D', 'C', '[]', 'now');
      INSERT INTO resources VALUES ('1/1', 'd', 'C', 'n', 'draft', 'none', 'daily', '{}', 1, 'now', 'now');
      INSERT INTO changes (seq, resource_code, op, record_key, data, batch_id, at) VALUES (7, '1/1', 'upsert', '{"k":1}', '{"k":1,"v":2}', 'b', 'now');
      INSERT INTO records VALUES ('1/1', '{"k":1}', '{"k":1,"v":2}', 7);`);
    expect(migrate(db, all)).toEqual(all.slice(1).map((m) => m.version));
    expect(
      db.prepare('SELECT r.record_key, c.data FROM records r JOIN changes c ON c.seq = r.seq').all(),
    ).toEqual([{ record_key: '{"k":1}', data: '{"k":1,"v":2}' }]);
  });

  it('open a data file in WAL mode with synchronous=FULL', () => {
    const db = openDatabase({ dataFile: join(tempDir(), 'nested', 'sandbox.db') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: a commit is on disk before the receipt that promises it leaves the server.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.prepare('SELECT max(version) AS v FROM schema_version').get()).toEqual({
      v: readMigrations().length,
    });
    db.close();
  });
});
