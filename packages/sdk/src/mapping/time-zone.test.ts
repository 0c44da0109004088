import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calendarDayOf } from '../identifiers/calendar-date';
import { checkRecord } from './check-record';
import { type CompileOptions, compileMapping } from './compile';
import { runMappingFile } from './jobs/run-mapping-file';
import { compiledPopulationMapping, populationEntry } from './test-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-time-zone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 2026-12-05 01:30 in Shanghai, still 2026-12-04 in UTC.
const now = new Date('2026-12-04T17:30:00Z');
// Born 2026-12-05: today in Shanghai, tomorrow in UTC.
const bornToday = '110105202612050016';

async function runWith(options: CompileOptions) {
  const compiled = compiledPopulationMapping(options);
  const name = options.timeZone ?? 'default';
  const input = join(dir, `${name.replace('/', '-')}.csv`);
  writeFileSync(input, `SFZH,XM,XB,CSRQ,MZ,HJDQ,JTRKS,LXDH\n${bornToday},张三,1,20261205,汉族,110105,3,\n`);
  const output = join(dir, `${name.replace('/', '-')}.ndjson`);
  const rejects = join(dir, `${name.replace('/', '-')}.rejects.ndjson`);
  const counts = await runMappingFile(compiled, { input, output, rejects });
  const rejected = readFileSync(rejects, 'utf8').trimEnd();
  const rules = rejected ? JSON.parse(rejected).errors.map((e: { rule: string }) => e.rule) : [];
  return { accepted: counts.accepted, rejected: counts.rejected, rules };
}

describe('"today" in the configured time zone', () => {
  it('a birth date that is today in Shanghai is not in the future there (the default zone)', async () => {
    expect(await runWith({ today: now })).toEqual({ accepted: 1, rejected: 0, rules: [] });
    expect(await runWith({ today: now, timeZone: 'Asia/Shanghai' })).toEqual({
      accepted: 1,
      rejected: 0,
      rules: [],
    });
  });

  it('with timeZone UTC the same birth date is tomorrow: the ID number is rejected', async () => {
    expect(await runWith({ today: now, timeZone: 'UTC' })).toEqual({
      accepted: 0,
      rejected: 1,
      rules: ['idcard'],
    });
  });

  it('a calendar day YYYY-MM-DD is "today" as it is, whatever the zone', async () => {
    expect(await runWith({ today: '2026-12-04', timeZone: 'Asia/Shanghai' })).toMatchObject({ rejected: 1 });
    expect(await runWith({ today: '2026-12-05', timeZone: 'UTC' })).toMatchObject({ accepted: 1 });
  });

  it('an impossible calendar day is refused', () => {
    expect(() => compileMapping({ fields: {} } as never, undefined, { today: '2026-02-30' })).toThrow(
      RangeError,
    );
    expect(calendarDayOf('2028-02-29')).toBe('2028-02-29');
  });

  it('checkRecord reads "today" in the zone it is given', () => {
    const entry = {
      ...populationEntry,
      items: (populationEntry.items ?? []).map((i) => (i.key === 'gmsfhm' ? { ...i, check: 'idcard' } : i)),
    };
    const record = { gmsfhm: bornToday, xm: '张三' };
    expect(checkRecord(entry, record, { today: now, timeZone: 'Asia/Shanghai' }).valid).toBe(true);
    const utc = checkRecord(entry, record, { today: now, timeZone: 'UTC' });
    expect(utc.errors.map((e) => e.rule)).toEqual(['idcard']);
  });
});
