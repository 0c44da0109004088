import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { previewMapping } from './preview-mapping';
import { sampleFormatOf } from './read-sample';

// The editor's samples: read with the SDK's readers (as `unsilo map` reads inputs), through the preview job.
const mapping = (format: string) => `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
source: { format: ${format}, encoding: auto }
fields:
  xm: { from: 姓名 }
  xb: { from: 性别, codes: { 男: "1", 女: "2" } }
`;
const entry = {
  entry: { code: '307001030801/000012', items: [{ key: 'xm' }, { key: 'xb', codeset: 'GB/T 2261.1' }] },
  path: 'catalog/p.yaml',
};
const sampleOf = async (bytes: Uint8Array, path: string, mappingFormat: 'csv' | 'ndjson' | 'xlsx') => {
  const { view } = await previewMapping({
    mapping: mapping(mappingFormat),
    mappingPath: 'p.mapping.yaml',
    lang: 'zh',
    entry,
    sample: { source: bytes, path, format: sampleFormatOf(path, mappingFormat) },
  });
  return view.result!;
};

// "姓名,性别\n张三,男\n" in GBK
const gbk = Uint8Array.from([
  0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd0, 0xd4, 0xb1, 0xf0, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xc4, 0xd0, 0x0a,
]);

describe('sample files in the editor', () => {
  it('are read as their extension says, else as the mapping says', () => {
    expect(sampleFormatOf('/w/s.NDJSON', 'csv')).toBe('ndjson');
    expect(sampleFormatOf('/w/s.jsonl', 'csv')).toBe('ndjson');
    expect(sampleFormatOf('/w/s.xlsx', 'csv')).toBe('xlsx');
    expect(sampleFormatOf('/w/s.txt', 'ndjson')).toBe('ndjson');
    expect(sampleFormatOf('/w/s.csv', undefined)).toBe('csv');
  });

  it('a GBK CSV is detected and mapped', async () => {
    const result = await sampleOf(gbk, 'legacy.csv', 'csv');
    expect(result.rows).toEqual([
      { row: 1, before: { 姓名: '张三', 性别: '男' }, after: { xm: '张三', xb: '1' } },
    ]);
  });

  it('an XLSX sample is previewed', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人口');
    sheet.addRow(['姓名', '性别']);
    sheet.addRow(['李四', '女']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await sampleOf(xlsx, 'legacy.xlsx', 'csv');
    expect(result.summary).toEqual({ read: 1, accepted: 1, rejected: 0, replaced: 0, warnings: 0 });
    expect(result.rows[0]?.after).toEqual({ xm: '李四', xb: '2' });
  });

  it('an NDJSON line that is not an object is a rejected row with its reason, not dropped', async () => {
    const result = await sampleOf(
      new TextEncoder().encode('{"姓名":"王五","性别":"男"}\nnot json\n'),
      'legacy.ndjson',
      'csv',
    );
    expect(result.summary).toEqual({ read: 2, accepted: 1, rejected: 1, replaced: 0, warnings: 0 });
    expect(result.rows[1]?.errors?.map((e) => e.rule)).toEqual(['ndjson/syntax']);
  });
});
