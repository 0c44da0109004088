import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';

const clean = join(repoRoot, 'test/fixtures/catalog/clean');
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-xlsx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('unsilo catalog export / import', () => {
  it('round-trips the clean workspace through the 填报模板 spreadsheet, byte for byte', async () => {
    const xlsx = join(scratch, 'catalog.xlsx');
    const exported = await runCli(['catalog', 'export', clean, '--out', xlsx]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('exported 24 resources');
    const out = join(scratch, 'imported');
    const imported = await runCli(['catalog', 'import', xlsx, '--out', out, '--lang', 'en']);
    expect(imported.code).toBe(0);
    const names = readdirSync(clean).sort();
    expect(readdirSync(out).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(clean, name), 'utf8'));
    }
    const lint = await runCli(['lint', out, '--format', 'json']);
    expect(JSON.parse(lint.stdout).summary.errors).toBe(0);
  });

  it('reports malformed rows with row, column and message, writes the good resources and exits 1', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('信息资源目录');
    sheet.addRow(['序号', '信息资源名称', '信息资源代码', '信息项名称', '数据类型', '数据长度', '共享类型']);
    sheet.addRow([1, '户籍人口基本信息', '307001030101/000001', '姓名', '字符型', 50, '有条件共享']);
    sheet.addRow([null, null, null, '性别', '字符型', '一']);
    sheet.addRow([2, '婚姻登记信息', '307001030201/000001', '登记日期', '日期型', null, '无条件共享']);
    const xlsx = join(scratch, 'bad.xlsx');
    writeFileSync(xlsx, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const out = join(scratch, 'bad-out');
    const { code, stdout } = await runCli([
      'catalog',
      'import',
      xlsx,
      '--out',
      out,
      '--format',
      'json',
      '--lang',
      'zh',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.errors).toEqual([
      {
        row: 3,
        column: 'F',
        header: '数据长度',
        code: 'xlsx.length_invalid',
        message: '第 3 行「数据长度」列：数据长度「一」应为正整数',
      },
    ]);
    expect(report.written.map((p: string) => p.split('/').pop())).toEqual(['307001030201-000001.yaml']);
    expect(readFileSync(join(out, '307001030201-000001.yaml'), 'utf8')).toContain(
      '  - { name: 登记日期, type: D }',
    );
  });

  it('exits 2 for a missing input', async () => {
    const { code, stderr } = await runCli([
      'catalog',
      'import',
      join(scratch, 'none.xlsx'),
      '--out',
      scratch,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read');
  });
});
