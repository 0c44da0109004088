import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { populationEntry, populationMappingUtf8Yaml } from '../test-fixtures';
import { previewMapping } from './preview-mapping';

const today = new Date('2026-11-26T00:00:00Z');
const utf8Mapping = populationMappingUtf8Yaml;
const header = ['SFZH', 'XM', 'XB', 'CSRQ', 'MZ', 'HJDQ', 'JTRKS', 'LXDH'];
const good = ['11010519491231002X', '张三', '2', '19491231', '汉族', '110105', '3', ''];
const bytes = (text: string) => new TextEncoder().encode(text);
const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n');
const entry = { entry: populationEntry, path: 'catalog/population.yaml' };

describe('previewMapping', () => {
  it('previews a CSV sample given as bytes; a row the reader cannot read is a reject with its reason', async () => {
    const text = `${csv([header, good, ['110105194912310046', '李四', '9', ...good.slice(3)]])}\n"unclosed,x\n`;
    const { view, truncated } = await previewMapping({
      mapping: utf8Mapping,
      mappingPath: 'mappings/p.mapping.yaml',
      lang: 'en',
      entry,
      sample: { source: bytes(text), path: 'samples/p.csv' },
      today,
    });
    expect(truncated).toBe(false);
    expect(view).toMatchObject({
      mappingPath: 'mappings/p.mapping.yaml',
      resource: '307001030801/000012',
      samplePath: 'samples/p.csv',
      entry: { name: '户籍人口基本信息', path: 'catalog/population.yaml' },
    });
    expect(view.result?.summary).toEqual({ read: 3, accepted: 1, rejected: 2, replaced: 0, warnings: 0 });
    expect(view.result?.rejectsByRule).toEqual({ codes: 1, 'csv/unclosed-quote': 1 });
    expect(view.result?.rows.map((r) => [r.row, r.errors?.map((e) => e.rule)])).toEqual([
      [1, undefined],
      [2, ['codes']],
      [3, ['csv/unclosed-quote']],
    ]);
    expect(view.result?.rows[2]?.before).toEqual({});
  });

  it('reads an XLSX sample with the SDK reader', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人口');
    sheet.addRow(header);
    sheet.addRow(good);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { view } = await previewMapping({
      mapping: utf8Mapping,
      mappingPath: 'p.mapping.yaml',
      lang: 'zh',
      entry,
      sample: { source: xlsx, path: 'p.xlsx', format: 'xlsx' },
      today,
    });
    expect(view.result?.summary).toEqual({ read: 1, accepted: 1, rejected: 0, replaced: 0, warnings: 0 });
    expect(view.result?.rows[0]?.after).toMatchObject({ gmsfhm: '11010519491231002X', mz: '01' });
  });

  it('reads at most sampleRows rows and says the sample had more', async () => {
    const rows = Array.from({ length: 10 }, () => good);
    const { view, truncated } = await previewMapping({
      mapping: utf8Mapping,
      mappingPath: 'p.mapping.yaml',
      lang: 'en',
      entry,
      sample: { source: bytes(csv([header, ...rows])), path: 'p.csv' },
      sampleRows: 4,
      limit: 2,
      today,
    });
    expect(truncated).toBe(true);
    expect(view.result?.summary.read).toBe(4);
    expect(view.result?.rows.map((r) => r.row)).toEqual([1, 2]);
  });

  it('lists the rejected rows of the sample read after the rows shown, with their reasons', async () => {
    const rows = [
      good,
      ['110105194912310046', '李四', '9', ...good.slice(3)],
      ['110105194912310062', '王五', ...good.slice(2)],
    ];
    const { view } = await previewMapping({
      mapping: utf8Mapping,
      mappingPath: 'p.mapping.yaml',
      lang: 'en',
      entry,
      sample: { source: bytes(`${csv([header, ...rows])}\n"unclosed,x\n`), path: 'p.csv' },
      limit: 1,
      today,
    });
    expect(view.result?.rows.map((r) => r.row)).toEqual([1]);
    expect(
      view.result?.rejectedRows.map((r) => [r.row, r.errors.map((e) => [e.field, e.rule, e.value])]),
    ).toEqual([
      [2, [['xb', 'codes', '9']]],
      [4, [['', 'csv/unclosed-quote', expect.stringContaining('unclosed')]]],
    ]);
    expect(view.result?.rejectedRows[0]?.errors[0]?.message).toBe(
      'value "9" is not covered by the codes table',
    );
  });

  it('without a sample or a valid mapping: only what can be said', async () => {
    const noSample = await previewMapping({
      mapping: utf8Mapping,
      mappingPath: 'p',
      lang: 'en',
      entry,
      today,
    });
    expect(noSample.view.samplePath).toBeUndefined();
    expect(noSample.view.result?.summary.read).toBe(0);
    expect(noSample.view.result?.coverage).toMatchObject({ total: 8, mapped: 8 });
    const broken = await previewMapping({ mapping: 'fields: [', mappingPath: 'p', lang: 'en' });
    expect(broken.view.mapping).toBeUndefined();
    expect(broken.view.result?.diagnostics.map((d) => d.code)).toEqual(['yaml/syntax']);
  });
});
