import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { applySeed, demoSeedFile, readSeedFile, SeedError } from './seed-file';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seed files', () => {
  it('the demo seed has the five city departments, one authority, and a vendor', () => {
    const seed = readSeedFile(demoSeedFile);
    expect(seed.selfApprove).toBe(true);
    const names = seed.departments.map((d) => d.name).join(' ');
    for (const name of ['公安局', '民政局', '人力资源和社会保障局', '市场监督管理局', '大数据发展管理局']) {
      expect(names).toContain(name);
    }
    expect(seed.departments.filter((d) => d.roles.includes('authority')).map((d) => d.id)).toEqual([
      'dashuju',
    ]);
    expect(seed.departments.some((d) => d.roles.includes('vendor'))).toBe(true);
  });

  it('stores no secret in clear in the database', () => {
    const seed = readSeedFile(demoSeedFile);
    const db = openDatabase({ memory: true });
    applySeed(db, seed, Buffer.alloc(32, 7), '2026-11-26T00:00:00.000Z');
    const dump = JSON.stringify(
      db
        .prepare('SELECT * FROM clients')
        .all()
        .map((row) => Object.values(row as object).map(String)),
    );
    for (const department of seed.departments) {
      for (const client of department.clients) expect(dump).not.toContain(client.clientSecret);
    }
    expect(db.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 6 });
    // Seeding twice updates, it does not duplicate.
    applySeed(db, seed, Buffer.alloc(32, 7), '2026-11-26T00:00:00.000Z');
    expect(db.prepare('SELECT count(*) AS n FROM departments').get()).toEqual({ n: 6 });
    db.close();
  });

  it('refuses a malformed seed with the path of the problem', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'departments:\n  - id: x\n    name: 某局\n    code: "123"\n    roles: [provider]\n    clients: []\n',
    );
    expect(() => readSeedFile(file)).toThrow(SeedError);
    expect(() => readSeedFile(file)).toThrow(/departments\.0\.code/);
    writeFileSync(file, 'departments: [');
    expect(() => readSeedFile(file)).toThrow(SeedError);
    expect(() => readSeedFile(join(dir, 'missing.yaml'))).toThrow(SeedError);
  });
});
