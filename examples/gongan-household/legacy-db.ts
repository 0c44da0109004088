import type { Database } from 'better-sqlite3';
import { populationRow } from '../minzheng-population/generate-data';

/** One row of the household register's table `T_HJ_RK` (户籍人口), as the legacy system stores it. */
// A type, not an interface: rows are plain records (`Record<string, unknown>`) to the sync.
export type HouseholdRow = {
  ID: number;
  GMSFHM: string;
  XM: string;
  /** 0 = male, 1 = female: the system's own convention, not GB/T 2261.1. */
  XB: string;
  CSRQ: string;
  HJDZ_XZQH: string;
  HH: string;
  YHZGX: string;
  /** Local time without a zone, `YYYY-MM-DD HH:MM:SS`: fixed width, so text order is time order. */
  GXSJ: string;
};

const DISTRICTS = 10;
const RELATION_OF = [
  ['户主', '户主'],
  ['夫', '妻'],
  ['子', '女'],
] as const;

/**
 * The i-th resident: the same person as the civil-affairs export's i-th row (one city, one population), in a
 * household of three of the same district, with the register's codes.
 */
export function householdRow(i: number, updated = registeredAt(i)): HouseholdRow {
  const person = populationRow(i);
  const male = Number(person.SFZH[16]) % 2 === 1;
  const inDistrict = Math.floor(i / DISTRICTS);
  return {
    ID: i + 1,
    GMSFHM: person.SFZH,
    XM: person.XM,
    XB: male ? '0' : '1',
    CSRQ: person.CSRQ,
    HJDZ_XZQH: person.HJDQ,
    HH: `${person.HJDQ}${String(Math.floor(inDistrict / 3)).padStart(8, '0')}`,
    YHZGX: RELATION_OF[inDistrict % 3]![male ? 0 : 1],
    GXSJ: updated,
  };
}

function registeredAt(i: number): string {
  const second = i % 36_000;
  const hh = String(8 + Math.floor(second / 3600)).padStart(2, '0');
  const mm = String(Math.floor(second / 60) % 60).padStart(2, '0');
  const ss = String(second % 60).padStart(2, '0');
  return `2024-04-01 ${hh}:${mm}:${ss}`;
}

/**
 * What years of manual entry leave in a register, one each: an ID number with a mistyped check character, a
 * sex written in another department's convention (2), a sex that contradicts the ID number, an impossible date.
 */
export const DEFECTS: Readonly<Record<number, (row: HouseholdRow) => HouseholdRow>> = {
  3: (row) => ({ ...row, GMSFHM: row.GMSFHM.slice(0, 17) + (row.GMSFHM[17] === '1' ? '2' : '1') }),
  11: (row) => ({ ...row, XB: '2' }),
  17: (row) => ({ ...row, XB: row.XB === '0' ? '1' : '0' }),
  23: (row) => ({ ...row, CSRQ: `${row.CSRQ.slice(0, 4)}0231` }),
};

/** Creates the register's table with `count` residents (at least 24, so that every defect is there). */
export function createRegister(db: Database, count: number): void {
  db.exec(`CREATE TABLE IF NOT EXISTS T_HJ_RK (
    ID INTEGER PRIMARY KEY, GMSFHM TEXT NOT NULL, XM TEXT, XB TEXT, CSRQ TEXT, HJDZ_XZQH TEXT, HH TEXT,
    YHZGX TEXT, GXSJ TEXT NOT NULL)`);
  db.exec('CREATE INDEX IF NOT EXISTS T_HJ_RK_GXSJ ON T_HJ_RK(GXSJ, ID)');
  insertResidents(db, 0, count);
}

function insertResidents(db: Database, from: number, count: number, updated?: string): void {
  const insert = db.prepare(
    `INSERT INTO T_HJ_RK (ID, GMSFHM, XM, XB, CSRQ, HJDZ_XZQH, HH, YHZGX, GXSJ)
     VALUES (@ID, @GMSFHM, @XM, @XB, @CSRQ, @HJDZ_XZQH, @HH, @YHZGX, @GXSJ)`,
  );
  db.transaction(() => {
    for (let i = from; i < from + count; i += 1) {
      const row = householdRow(i, updated);
      insert.run(DEFECTS[i]?.(row) ?? row);
    }
  })();
}

/**
 * A day at the register: `moved` residents (every 7th) move to the next district, `arrived` new residents are
 * registered; every changed row gets a newer update time. Returns the IDs changed.
 */
export function registerDay(
  db: Database,
  { moved, arrived, at = '2024-05-02 09:30:00' }: { moved: number; arrived: number; at?: string },
): number[] {
  const count = (db.prepare('SELECT count(*) AS n FROM T_HJ_RK').get() as { n: number }).n;
  const ids = db
    .prepare<[number], { ID: number }>('SELECT ID FROM T_HJ_RK WHERE ID % 7 = 0 ORDER BY ID LIMIT ?')
    .all(moved)
    .map((r) => r.ID);
  const move = db.prepare(
    `UPDATE T_HJ_RK SET HJDZ_XZQH = CASE HJDZ_XZQH WHEN '330127' THEN '330102' ELSE '330127' END, GXSJ = ?
      WHERE ID = ?`,
  );
  db.transaction(() => {
    for (const id of ids) move.run(at, id);
  })();
  insertResidents(db, count, arrived, at);
  return [...ids, ...Array.from({ length: arrived }, (_, k) => count + k + 1)];
}
