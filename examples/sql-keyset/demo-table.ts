import type { Database } from 'better-sqlite3';
import { populationRow } from '../minzheng-population/generate-data';

/** A department's table of `count` people, every row valid. */
export function createDemoTable(db: Database, count: number): void {
  db.exec(`CREATE TABLE IF NOT EXISTS relief_person (
    id INTEGER PRIMARY KEY, sfzh TEXT NOT NULL, xm TEXT, xb TEXT, csrq TEXT, mz TEXT, hjdq TEXT, jzlb TEXT,
    updated_at TEXT NOT NULL)`);
  db.exec('CREATE INDEX IF NOT EXISTS relief_person_updated ON relief_person(updated_at, id)');
  const insert = db.prepare(
    'INSERT INTO relief_person (id, sfzh, xm, xb, csrq, mz, hjdq, jzlb, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const p = populationRow(i);
      const sex = Number(p.SFZH[16]) % 2 === 1 ? '1' : '2';
      const csrq = `${p.CSRQ.slice(0, 4)}-${p.CSRQ.slice(4, 6)}-${p.CSRQ.slice(6, 8)}`;
      const updated = `2024-05-01T08:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}:00+08:00`;
      insert.run(i + 1, p.SFZH, p.XM, sex, csrq, p.MZ, p.HJDQ, p.JZLB, updated);
    }
  })();
}

/** Changes `count` rows (every 97th) as the department's system would: new content, a newer update time. */
export function touchRows(db: Database, count: number, at = '2024-05-02T09:00:00+08:00'): number[] {
  const ids = db
    .prepare<[number], { id: number }>('SELECT id FROM relief_person WHERE id % 97 = 0 ORDER BY id LIMIT ?')
    .all(count)
    .map((r) => r.id);
  const update = db.prepare("UPDATE relief_person SET jzlb = '特困', updated_at = ? WHERE id = ?");
  db.transaction(() => {
    for (const id of ids) update.run(at, id);
  })();
  return ids;
}
