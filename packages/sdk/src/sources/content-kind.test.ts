import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSourceFormat, contentKindOf } from './content-kind';
import { SourceError } from './errors';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-content-kind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('contentKindOf', () => {
  it.each([
    ['zip', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0)],
    ['ole2', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0)],
    ['pdf', new TextEncoder().encode('%PDF-1.7\n')],
    ['gzip', bytes(0x1f, 0x8b, 8, 0)],
    ['utf16', Uint8Array.from(Buffer.from('\ufeffXM,XB', 'utf16le'))],
    ['binary', bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0)],
    ['text', new TextEncoder().encode('\ufeffSFZH,XM\n1,张三\n')],
    ['text', Uint8Array.from(iconv.encode('SFZH,XM\n1,张三\n', 'gbk'))],
  ])('%s', (kind, head) => {
    expect(contentKindOf(head)).toBe(kind);
  });
});

describe('checkSourceFormat', () => {
  it('refuses a PDF given as CSV, saying what it found and what to do, in both languages', async () => {
    const path = join(dir, 'export.csv');
    writeFileSync(path, '%PDF-1.4\n%âãÏÓ\n1 0 obj\n');
    const error = await checkSourceFormat(path, 'csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({
      code: 'source/wrong-format',
      message: `${path} is not a CSV file: detected a PDF document; export the data itself as CSV or .xlsx`,
      zh: `${path} 不是 CSV 文件：检测到PDF 文档；请导出数据本身（CSV 或 .xlsx）`,
    });
  });

  it('refuses CSV text given as XLSX, and passes what fits', async () => {
    const csv = join(dir, 'people.xlsx');
    writeFileSync(csv, 'SFZH,XM\n');
    await expect(checkSourceFormat(csv, 'xlsx')).rejects.toMatchObject({
      message: `${csv} is not an XLSX file: detected text; set source.format: csv or ndjson in the mapping`,
    });
    await expect(checkSourceFormat(csv, 'csv')).resolves.toBeUndefined();
    await expect(checkSourceFormat(bytes(0x50, 0x4b, 0x03, 0x04), 'xlsx')).resolves.toBeUndefined();
    await expect(checkSourceFormat(new Uint8Array(0), 'csv')).resolves.toBeUndefined();
  });
});
