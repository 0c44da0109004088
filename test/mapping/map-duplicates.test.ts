import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PopulationRow,
  populationRow,
  writePopulationCsv,
} from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { lastJsonLine, readNdjson } from '../helpers/ndjson';

const mapping = join(import.meta.dirname, '../../examples/minzheng-population/population.mapping.yaml');
const work = mkdtempSync(join(tmpdir(), 'unsilo-map-duplicates-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Person 1 occurs in rows 2 and 4.
const rows: PopulationRow[] = [
  populationRow(0),
  populationRow(1),
  populationRow(2),
  { ...populationRow(1), XM: '改名' },
];
const input = join(work, 'export.csv');
const id = populationRow(1).SFZH;
// biome-ignore lint/suspicious/noExplicitAny: lines are read back as JSON and indexed freely
const lines = (path: string) => readNdjson<any>(path);
const summaryOf = (stdout: string) => lastJsonLine(stdout);

beforeAll(() => writePopulationCsv(input, rows));

describe('unsilo map and duplicate keys', () => {
  it('map run rejects both rows of a repeated key, each naming the other (exit 1)', async () => {
    const out = join(work, 'reject.ndjson');
    const result = await runCli(['map', 'run', '-m', mapping, '-i', input, '-o', out, '--format', 'json']);
    expect(result.code, result.stderr).toBe(1);
    expect(summaryOf(result.stdout)).toMatchObject({
      read: 4,
      accepted: 2,
      rejected: 2,
      replaced: 0,
      duplicateScan: 'prescanned',
      rejectsByRule: { duplicate: 2 },
    });
    const rejects = lines(join(work, 'reject.rejects.ndjson'));
    expect(rejects.map((r) => [r.row, r.errors[0].rule, r.errors[0].field, r.errors[0].value])).toEqual([
      [2, 'duplicate', 'gmsfhm', id],
      [4, 'duplicate', 'gmsfhm', id],
    ]);
    expect(rejects[0].errors[0].message).toContain('also in row 4');
    expect(rejects[1].errors[0].zh).toContain('第 2 行也是该主键');
  });

  it('map run --duplicates last keeps the last row and prints the replaced count', async () => {
    const out = join(work, 'last.ndjson');
    const json = await runCli([
      'map',
      'run',
      '-m',
      mapping,
      '-i',
      input,
      '-o',
      out,
      '--duplicates',
      'last',
      '--format',
      'json',
    ]);
    expect(json.code, json.stderr).toBe(0);
    expect(summaryOf(json.stdout)).toMatchObject({ read: 4, accepted: 3, rejected: 0, replaced: 1 });
    expect(lines(out).map((r) => r.xm)).toEqual([populationRow(0).XM, populationRow(2).XM, '改名']);
    const pretty = await runCli([
      'map',
      'run',
      '-m',
      mapping,
      '-i',
      input,
      '-o',
      out,
      '--duplicates',
      'last',
      '--lang',
      'en',
    ]);
    expect(pretty.stdout).toContain('read 4  accepted 3  rejected 0  replaced 1');
  });

  it('map run from stdin (-i -) keeps the first row of a key and says the input could not be pre-scanned', async () => {
    const out = join(work, 'stdin.ndjson');
    const text = readFileSync(input);
    const result = await runCli(['map', 'run', '-m', mapping, '-i', '-', '-o', out, '--format', 'json'], {
      input: text,
    });
    expect(result.code, result.stderr).toBe(1);
    expect(summaryOf(result.stdout)).toMatchObject({
      read: 4,
      accepted: 3,
      rejected: 1,
      duplicateScan: 'streaming',
    });
    const [reject] = lines(join(work, 'stdin.rejects.ndjson'));
    expect(reject.row).toBe(4);
    expect(reject.errors[0].message).toContain('already occurs in row 2; the input could not be pre-scanned');
    const last = await runCli(['map', 'run', '-m', mapping, '-i', '-', '-o', out, '--duplicates', 'last'], {
      input: text,
    });
    expect(last.code).toBe(2);
    expect(last.stderr).toContain('needs an input that can be read twice');
  });

  it('map preview rejects the rows of a repeated key within the sample; other --duplicates values exit 2', async () => {
    const result = await runCli(['map', 'preview', '-m', mapping, '-i', input, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const view = JSON.parse(result.stdout);
    expect(view.summary).toEqual({ read: 4, accepted: 2, rejected: 2, replaced: 0, warnings: 0 });
    const bad = await runCli([
      'map',
      'run',
      '-m',
      mapping,
      '-i',
      input,
      '-o',
      join(work, 'x.ndjson'),
      '--duplicates',
      'first',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--duplicates must be reject or last');
  });
});
