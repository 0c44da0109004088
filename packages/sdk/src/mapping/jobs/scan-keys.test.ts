import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledPopulationMapping } from '../test-fixtures';
import { scanKeys } from './scan-keys';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-scan-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const today = new Date('2026-11-26T00:00:00Z');
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-digit identity number, distinct for each n below a million. */
function idcard(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const body = `110105${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(n % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}

describe('scanKeys', () => {
  it('finds the rows of each repeated key in a file read in many chunks, the first rows read again', async () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => idcard(i));
    ids[39_989] = ids[2]!; // rows 3 and 39,990
    ids[20_000] = ids[19_999]!; // rows 20,000 and 20,001
    const text = ['SFZH,XM,XB,CSRQ,MZ,HJDQ,JTRKS,LXDH', ...ids.map((id) => `${id},张三,2,,汉族,110105,3,`)];
    const path = join(dir, 'many.csv');
    writeFileSync(path, text.join('\n'));
    const compiled = compiledPopulationMapping({ today });
    const plan = await scanKeys(compiled, path);
    expect(plan.groups).toEqual([
      { key: JSON.stringify([ids[19_999]]), rows: [20_000, 20_001] },
      { key: JSON.stringify([ids[2]]), rows: [3, 39_990] },
    ]);
    expect(plan.rows).toBe(4);
  });
});
