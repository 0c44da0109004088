import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../parse';
import { TEMPLATE_COLUMNS } from './columns';
import { buildCatalogWorkbook } from './export';
import { importCatalogWorkbook } from './import';

const clean = join(import.meta.dirname, '../../../../../test/fixtures/catalog/clean');
const files = readdirSync(clean)
  .sort()
  .map((file) => ({ file, text: readFileSync(join(clean, file), 'utf8') }));

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function sheetOf(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('信息资源目录');
  sheet.addRow(TEMPLATE_COLUMNS.map((column) => column.header));
  for (const row of rows) sheet.addRow(row);
  return toBuffer(workbook);
}

/** A row with the given headers filled in. */
function row(values: Record<string, unknown>): unknown[] {
  return TEMPLATE_COLUMNS.map((column) => values[column.header] ?? null);
}

describe('catalogue workbook', () => {
  it('round-trips the clean workspace: export then import gives back the same YAML', async () => {
    const workbook = await buildCatalogWorkbook(
      files.map(({ file, text }) => ({ file, entry: parseCatalogFile(file, text).entry! })),
    );
    const imported = await importCatalogWorkbook(await toBuffer(workbook));
    expect(imported.errors).toEqual([]);
    expect(imported.entries.map((entry) => [entry.file, entry.text])).toEqual(
      files.map(({ file, text }) => [file, text]),
    );
  });

  it('writes the national template columns first, one row per item, resource columns on the first row only', async () => {
    const entry = parseCatalogFile('a.yaml', files.find((f) => f.file === 'ga-hjrk.yaml')!.text).entry!;
    const sheet = (await buildCatalogWorkbook([{ file: 'ga-hjrk.yaml', entry }])).worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 26)).toEqual([
      '序号',
      '部门类信息资源分类',
      '项分类',
      '目分类',
      '细目分类1',
      '细目分类1.1',
      '关联业务事项',
      '信息资源名称',
      '信息资源代码',
      '下设机构',
      '信息资源摘要',
      '信息资源格式分类',
      '信息资源格式类型',
      '其他类型资源格式描述',
      '信息项名称',
      '数据类型',
      '数据长度',
      '共享类型',
      '共享条件/不予共享依据',
      '共享方式分类',
      '共享方式类型',
      '是否向社会开放',
      '开放条件',
      '更新周期',
      '发布日期',
      '开放主题分类',
    ]);
    expect(sheet.rowCount).toBe(1 + 7);
    const cell = (r: number, header: string) =>
      sheet.getRow(r).getCell(TEMPLATE_COLUMNS.findIndex((c) => c.header === header) + 1).value;
    expect(cell(2, '共享类型')).toBe('有条件共享');
    expect(cell(2, '数据类型')).toBe('字符型');
    expect(cell(3, '信息资源名称')).toBeNull();
    expect(cell(3, '信息项名称')).toBe('姓名');
  });

  it('also reads sheets that repeat the resource columns on every item row', async () => {
    const resource = {
      信息资源代码: '307001030101/000001',
      信息资源名称: '户籍人口基本信息',
      共享类型: '有条件共享',
    };
    const data = await sheetOf([
      row({ ...resource, 信息项名称: '姓名', 数据类型: '字符型', 数据长度: 50 }),
      row({ ...resource, 信息项名称: '出生日期', 数据类型: 'D' }),
    ]);
    const { entries, errors } = await importCatalogWorkbook(data);
    expect(errors).toEqual([]);
    expect(entries[0]?.entry.items).toEqual([
      { name: '姓名', type: 'C', length: 50 },
      { name: '出生日期', type: 'D' },
    ]);
    expect(entries[0]?.file).toBe('307001030101-000001.yaml');
  });

  it('reports malformed rows with their row, column and a bilingual message, and keeps the good resources', async () => {
    const data = await sheetOf([
      row({ 信息项名称: '孤立的信息项' }),
      row({
        信息资源代码: '307001030101/000001',
        信息资源名称: '好的资源',
        信息项名称: '姓名',
        数据长度: 50,
      }),
      row({
        信息资源代码: '307001030101/000002',
        信息资源名称: '坏的资源',
        信息项名称: '姓名',
        数据长度: '五十',
      }),
      row({ 数据类型: '字符型' }),
      row({ 信息资源名称: '没有代码的资源' }),
      row({ 信息资源代码: '307001030101/000001', 信息资源名称: '重复' }),
    ]);
    const { entries, errors } = await importCatalogWorkbook(data);
    expect(entries.map((entry) => entry.entry.name)).toEqual(['好的资源']);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, undefined, 'xlsx.orphan_row'],
      [4, 'Q', 'xlsx.length_invalid'],
      [5, 'O', 'xlsx.item_name_missing'],
      [6, 'I', 'xlsx.code_missing'],
      [7, 'I', 'xlsx.duplicate_code'],
    ]);
    expect(errors[1]?.message).toEqual({
      zh: '第 4 行「数据长度」列：数据长度「五十」应为正整数',
      en: 'row 4, column "数据长度": length "五十" must be a positive integer',
    });
  });

  it('refuses a sheet without the template header and a file that is not XLSX', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['姓名', '年龄']);
    expect((await importCatalogWorkbook(await toBuffer(workbook))).errors[0]?.code).toBe(
      'xlsx.header_missing',
    );
    expect((await importCatalogWorkbook(new TextEncoder().encode('not a zip'))).errors[0]?.code).toBe(
      'xlsx.unreadable',
    );
  });

  it('converts Excel dates in 发布日期 to ISO dates', async () => {
    const data = await sheetOf([
      row({
        信息资源代码: '307001030101/000001',
        信息资源名称: '某资源',
        发布日期: new Date(Date.UTC(2019, 4, 10)),
      }),
    ]);
    const { entries } = await importCatalogWorkbook(data);
    expect(entries[0]?.entry.publishedAt).toBe('2019-05-10');
  });
});
