import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDate } from '@unsilo/sdk/identifiers';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';

const fixtures = join(repoRoot, 'test/fixtures/mapping');
const work = mkdtempSync(join(tmpdir(), 'unsilo-map-tz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A valid 18-digit ID number of a man of 上城区 born on `day` (YYYY-MM-DD). */
function idNumberBornOn(day: string): string {
  const body = `330102${day.replaceAll('-', '')}001`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/** `unsilo map run` in a folder whose `unsilo.config.yaml` names `timeZone`. */
async function mapRunIn(timeZone: string, born: string) {
  const dir = mkdtempSync(join(work, 'ws-'));
  writeFileSync(join(dir, 'unsilo.config.yaml'), `timeZone: ${timeZone}\n`);
  writeFileSync(
    join(dir, 'czrk.csv'),
    `SFZH,XM,XB,CSRQ,MZDM,HJDZ_XZQH,HJDZ\n${idNumberBornOn(born)},何伟,0,${born},01,330102,上城区解放路1号\n`,
  );
  const result = await runCli(
    [
      'map',
      'run',
      '-m',
      join(fixtures, 'gongan/czrk.mapping.yaml'),
      '--catalog',
      join(fixtures, 'catalog'),
      '-i',
      'czrk.csv',
      '-o',
      'out.ndjson',
      '--format',
      'json',
    ],
    { cwd: dir },
  );
  return { ...result, summary: result.code === 2 ? undefined : JSON.parse(result.stdout) };
}

describe('unsilo map run reads "today" in the timeZone of unsilo.config.yaml', () => {
  // Kiritimati (UTC+14) is always a day or two ahead of Pago Pago (UTC−11): its date is, at any moment, in
  // Pago Pago's future — and on either side of Shanghai's date for part of each day.
  const born = localDate(new Date(), 'Pacific/Kiritimati');

  it('a birth date that is today in the configured zone is accepted', async () => {
    const { code, summary } = await mapRunIn('Pacific/Kiritimati', born);
    expect(code).toBe(0);
    expect(summary).toMatchObject({ read: 1, accepted: 1, rejected: 0, rejectsByRule: {} });
  });

  it('the same birth date is in the future in a zone still on an earlier day: rejected', async () => {
    const { code, summary } = await mapRunIn('Pacific/Pago_Pago', born);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 1, accepted: 0, rejected: 1, rejectsByRule: { idcard: 1 } });
  });

  it('an unknown time zone is a config error (exit 2)', async () => {
    const { code, stderr } = await mapRunIn('Mars/Olympus_Mons', born);
    expect(code).toBe(2);
    expect(stderr).toContain('config.invalid');
    expect(stderr).toContain('unsilo.config.yaml:1:11');
  });
});
