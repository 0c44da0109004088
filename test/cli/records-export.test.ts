import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import type { DataRecord } from '@unsilo/sdk/schemas';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import {
  byId,
  envAs,
  parseCsv,
  providerRecords,
  RESOURCE,
  sandboxWithRecords,
} from './support/consumer-sandbox';

let sandbox: RunningSandbox;
let provider: ExchangeClient;
let exchangeRecords: DataRecord[];

beforeAll(async () => {
  ({ sandbox, provider } = await sandboxWithRecords());
  exchangeRecords = await provider.records.query(RESOURCE).toArray();
}, 60_000);
afterAll(() => sandbox?.close());

const columns = ['gmsfhm', 'xm', 'xb', 'csrq', 'mz', 'hjdq', 'jzlb', 'gxsj'];
/** The records as a spreadsheet export shows them: entry columns, formula-like text prefixed with '. */
const asRows = (records: DataRecord[]) =>
  byId(records).map((r) => columns.map((c) => String(r[c]).replace(/^=/, "'=")));
const outDir = () => mkdtempSync(join(tmpdir(), 'unsilo-export-cli-'));

describe('unsilo records export', () => {
  it('exports exactly the provider records to NDJSON', async () => {
    const file = join(outDir(), 'population.ndjson');
    const run = await runCli(['records', 'export', RESOURCE, '--out', file, '--format', 'json'], {
      env: envAs(sandbox.url, 'minzheng'),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ records: 4, format: 'ndjson', file });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(byId(lines)).toEqual(byId(exchangeRecords));
    expect(byId(lines)).toEqual(byId(providerRecords));
  }, 30_000);

  it('exports CSV with the entry items as header, quoted as RFC 4180, filtered', async () => {
    const file = join(outDir(), 'women.csv');
    const run = await runCli(
      ['records', 'export', RESOURCE, '--out', file, '--filter', 'xb=2', '--lang', 'en'],
      {
        env: envAs(sandbox.url, 'minzheng'),
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Exported 2 records to ${file}\n`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"特困,""分散"""');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(columns);
    expect(rows).toEqual(asRows(exchangeRecords.filter((r) => r.xb === '2')));
  }, 30_000);

  it('exports GBK CSV that decodes to the same records', async () => {
    const file = join(outDir(), 'population.csv');
    const run = await runCli(['records', 'export', RESOURCE, '--out', file, '--encoding', 'gbk'], {
      env: envAs(sandbox.url, 'minzheng'),
    });
    expect(run.code).toBe(0);
    const bytes = readFileSync(file);
    expect(bytes.includes(iconv.encode('张三丰', 'gbk'))).toBe(true);
    expect(bytes.includes(Buffer.from('张三丰', 'utf8'))).toBe(false);
    const [header, ...rows] = parseCsv(iconv.decode(bytes, 'gbk'));
    expect(header).toEqual(columns);
    expect(rows).toEqual(asRows(exchangeRecords));
  }, 30_000);

  it('exports XLSX that exceljs reads back as the same records', async () => {
    const file = join(outDir(), 'population.xlsx');
    const run = await runCli(['records', 'export', RESOURCE, '--out', file], {
      env: envAs(sandbox.url, 'minzheng'),
    });
    expect(run.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows[0]).toEqual(columns);
    expect(rows.slice(1)).toEqual(asRows(exchangeRecords));
  }, 30_000);

  it('exits 1 with the exchange’s reason when access is refused, and writes no file', async () => {
    const dir = outDir();
    const run = await runCli(['records', 'export', RESOURCE, '--out', join(dir, 'x.csv'), '--lang', 'en'], {
      env: envAs(sandbox.url, 'gongan'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[access.share_request_required]');
    expect(run.stderr).toContain(`unsilo access request ${RESOURCE}`);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('refuses a file name without a known format as a usage error', async () => {
    const dir = outDir();
    const run = await runCli(['records', 'export', RESOURCE, '--out', join(dir, 'x.txt')], {
      env: envAs(sandbox.url, 'minzheng'),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[export.unknown_format]');
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});
