import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceItem } from './types';
import { cellText, readXlsx } from './xlsx';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('说明');
  notes.addRow(['本表为企业名录']);
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(['统一社会信用代码', '企业名称', '成立日期', '注册资本']);
  ws.addRow([
    '91350100M000100Y43',
    { richText: [{ text: '某某' }, { text: '有限公司' }] },
    new Date(Date.UTC(2015, 9, 1)),
    1000000,
  ]);
  ws.addRow([]);
  ws.addRow(['91110108551385082Q', '另一家公司', 42005, { formula: 'A1', result: 5 }]);
  ws.getCell('C2').numFmt = 'yyyy-mm-dd';
  await wb.xlsx.writeFile(path);
}

describe('readXlsx', () => {
  it('streams the chosen worksheet with the first row as header', async () => {
    const path = join(dir, 'enterprises.xlsx');
    await writeWorkbook(path);
    const out: SourceItem[] = [];
    for await (const item of readXlsx(path, { sheet: '企业名录' })) out.push(item);
    expect(out).toEqual([
      {
        row: 1,
        values: {
          统一社会信用代码: '91350100M000100Y43',
          企业名称: '某某有限公司',
          成立日期: '2015-10-01',
          注册资本: '1000000',
        },
      },
      {
        row: 3,
        values: {
          统一社会信用代码: '91110108551385082Q',
          企业名称: '另一家公司',
          成立日期: '42005',
          注册资本: '5',
        },
      },
    ]);
    const first: SourceItem[] = [];
    for await (const item of readXlsx(path)) first.push(item);
    expect(first).toEqual([]);
    await expect(async () => {
      for await (const _ of readXlsx(path, { sheet: 'missing' })) {
        // consume
      }
    }).rejects.toThrow(/no worksheet/);
  });

  it('refuses a sheet the workbook lacks, naming the sheets it has', async () => {
    const path = join(dir, 'sheets.xlsx');
    await writeWorkbook(path);
    const read = async (sheet: string | number) => {
      for await (const _ of readXlsx(path, { sheet })) {
        // consume
      }
    };
    await expect(read('人口')).rejects.toMatchObject({
      code: 'source/no-sheet',
      message: 'the workbook has no worksheet "人口" (source.sheet); its sheets: "说明", "企业名录"',
      zh: '工作簿中没有工作表「人口」（source.sheet）；现有工作表：「说明」、「企业名录」',
    });
    await expect(read(3)).rejects.toMatchObject({ code: 'source/no-sheet' });
  });

  it('reads the header on headerRow under a merged title row, numbering data rows from the header', async () => {
    const path = join(dir, 'titled.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(['2026 年企业名录（截至 12 月）']);
    ws.mergeCells('A1:C1');
    ws.addRow([]);
    ws.addRow(['代码', '名称', '日期']);
    ws.addRow(['A1', '甲公司', '2020-01-01']);
    ws.addRow(['A2', '乙公司', 'x'.repeat(30)]);
    await wb.xlsx.writeFile(path);
    const out: SourceItem[] = [];
    for await (const item of readXlsx(path, { headerRow: 3, maxFieldChars: 20 })) out.push(item);
    expect(out.map((item) => ('error' in item ? [item.row, item.line, item.error.rule] : item))).toEqual([
      { row: 1, values: { 代码: 'A1', 名称: '甲公司', 日期: '2020-01-01' } },
      [2, 5, 'xlsx/field-too-large'],
    ]);
  });

  it('rejects a row whose cell is over the limit, naming the cell, and reads on; rows inherit nothing', async () => {
    const path = join(dir, 'limits.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRow(['__proto__', 'constructor', 'NOTE']);
    ws.addRow(['a', 'b', 'short']);
    ws.addRow(['c', 'd', 'x'.repeat(50)]);
    ws.addRow(['e', 'f', 'fine']);
    await wb.xlsx.writeFile(path);
    const out: SourceItem[] = [];
    for await (const item of readXlsx(path, { maxFieldChars: 20 })) out.push(item);
    expect(
      out.map((item) =>
        'error' in item ? [item.row, item.line, item.error.rule, item.error.field] : item.row,
      ),
    ).toEqual([1, [2, 3, 'xlsx/field-too-large', 'NOTE'], 3]);
    expect((out[1] as { error: { message: string } }).error.message).toBe(
      'row 3: cell C3 (NOTE) is longer than 20 characters (the limit); row skipped',
    );
    const values = (out[0] as { values: Record<string, string> }).values;
    expect(Object.entries(values)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
      ['NOTE', 'short'],
    ]);
    expect('toString' in values).toBe(false);
  });

  it('turns cells into text', () => {
    expect(cellText(new Date(Date.UTC(2020, 0, 2, 3, 4, 5)))).toBe('2020-01-02T03:04:05Z');
    expect(cellText(true)).toBe('true');
    expect(cellText(null)).toBe('');
  });
});
