import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../parse';
import { TEMPLATE_COLUMNS } from './columns';
import { buildCatalogWorkbook } from './export';
import { importCatalogWorkbook } from './import';

const repo = join(import.meta.dirname, '../../../../..');
const clean = join(repo, 'test/fixtures/catalog/clean');
const files = readdirSync(clean)
  .sort()
  .map((file) => ({ file, text: readFileSync(join(clean, file), 'utf8') }));

/** The catalogue entries of every example project, as `examples/<project>/catalog/<file>`. */
const exampleFiles = readdirSync(join(repo, 'examples'))
  .sort()
  .flatMap((project) => {
    const dir = join(repo, 'examples', project, 'catalog');
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
    } catch {
      return [];
    }
    return names.sort().map((name) => ({ file: name, text: readFileSync(join(dir, name), 'utf8') }));
  });

/** Entries that fill what the clean workspace leaves out: item checks, required flags, every kind of opening. */
const entryHead = (code: string, name: string) => `apiVersion: unsilo/v1
kind: InformationResource
code: "${code}"
name: ${name}
provider:
  name: 某市市场监督管理局
  code: "11330100MB0000027E"
classification:
  class: department
  topic: 法人
summary: 企业登记信息，供税务、人社等部门核验企业身份。
format: { class: database, type: mysql }
`;
const fullFieldFiles = [
  {
    file: 'sj-qydj.yaml',
    text: `${entryHead('307003010101/000001', '企业登记核验信息')}key: [tyshxydm]
items:
  - { name: 统一社会信用代码, key: tyshxydm, type: C, length: 18, source: authoritative, check: [uscc] }
  - { name: 法定代表人身份号码, key: fddbrsfhm, type: C, length: 18, required: true, check: [idcard, region] }
  - { name: 联系电话, key: lxdh, type: C, length: 20, required: false, check: [phone], description: 固定电话或手机 }
share:
  type: conditional
  condition: 仅用于企业身份核验，须经市市场监督管理局审批
  method: { class: platform, type: api }
open:
  type: conditional
  condition: 经实名注册后可查询
updateCycle: daily
publishedAt: 2024-03-01
businessMatters: [{ code: 330100-SJ-001, name: 企业设立登记, kind: service }, { code: 330100-SJ-P07, name: 对企业登记事项的监督检查, kind: power }, { code: 330100-SJ-009, name: 企业名称查询 }, 企业年报公示]
system: sj-qydjxt
`,
  },
  {
    file: 'sj-qymc.yaml',
    text: `${entryHead('307003010101/000002', '企业名称公示信息')}items:
  - { name: 企业名称, key: qymc, type: C, length: 100, required: true }
share:
  type: unconditional
  method: { class: platform, type: api }
open:
  type: unconditional
updateCycle: daily
`,
  },
  {
    file: 'sj-qydz.yaml',
    text: `${entryHead('307003010101/000003', '企业住所信息')}items:
  - { name: 住所, key: zs, type: C, length: 200 }
share:
  type: unconditional
  method: { class: platform, type: api }
open:
  type: conditional
updateCycle: monthly
`,
  },
  {
    file: 'sj-qynb.yaml',
    text: `${entryHead('307003010101/000004', '企业年报公示信息')}items:
  - { name: 年报年度, key: nbnd, type: N, length: 4, required: false }
share:
  type: unconditional
  method: { class: platform, type: api }
open:
  type: unconditional
  condition: 年报公示期内可查
updateCycle: annual
`,
  },
];

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
  // Byte for byte, not only deep-equal values: the text is what a department keeps under version control, so a
  // moved key or a reformatted list would show up as a change in every entry after a round trip.
  it('round-trips every example and clean entry: export then import gives back the same YAML text', async () => {
    const originals = [...exampleFiles, ...files, ...fullFieldFiles];
    expect(exampleFiles.length).toBeGreaterThan(0);
    const workbook = await buildCatalogWorkbook(
      originals.map(({ file, text }) => ({ file, entry: parseCatalogFile(file, text).entry! })),
    );
    const imported = await importCatalogWorkbook(await toBuffer(workbook));
    expect(imported.errors).toEqual([]);
    expect(imported.entries.map((entry) => [entry.file, entry.text])).toEqual(
      originals.map(({ file, text }) => [file, text]),
    );
  });

  it('writes 是/否 in 是否向社会开放 and 是否必填, the condition deciding conditional opening', async () => {
    const entries = fullFieldFiles.map(({ file, text }) => ({
      file,
      entry: parseCatalogFile(file, text).entry!,
    }));
    const sheet = (await buildCatalogWorkbook(entries)).worksheets[0]!;
    const column = (header: string) => TEMPLATE_COLUMNS.findIndex((c) => c.header === header) + 1;
    const cells = (header: string) =>
      Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).getCell(column(header)).value);
    // A conditional opening without its condition, or an unconditional one with a condition, keeps the national
    // label: 是 alone would read back as the other kind.
    expect(cells('是否向社会开放')).toEqual(['是', null, null, '是', '有条件开放', '无条件开放']);
    expect(cells('是否必填')).toEqual([null, '是', '否', '是', null, '否']);
    expect(cells('交换平台校核')).toEqual(['uscc', 'idcard；region', 'phone', null, null, null]);
  });

  it('reads 是 with a condition as conditional opening, 是 alone as unconditional, 否 as none', async () => {
    const resource = (code: string, values: Record<string, unknown>) =>
      row({ 信息资源代码: `307001030101/00000${code}`, 信息资源名称: `资源${code}`, ...values });
    const data = await sheetOf([
      resource('1', { 是否向社会开放: '是', 开放条件: '经实名注册后可下载' }),
      resource('2', { 是否向社会开放: '是' }),
      resource('3', { 是否向社会开放: '否' }),
      resource('4', { 是否向社会开放: '不予开放' }),
      resource('5', { 信息项名称: '姓名', 是否必填: '是', 交换平台校核: 'idcard; region' }),
    ]);
    const { entries, errors } = await importCatalogWorkbook(data);
    expect(errors).toEqual([]);
    expect(entries.slice(0, 4).map(({ entry }) => entry.open)).toEqual([
      { type: 'conditional', condition: '经实名注册后可下载' },
      { type: 'unconditional' },
      { type: 'none' },
      { type: 'none' },
    ]);
    expect(entries[4]?.entry.items).toEqual([{ name: '姓名', required: true, check: ['idcard', 'region'] }]);
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
