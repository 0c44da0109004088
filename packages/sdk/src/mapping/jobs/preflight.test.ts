import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../load';
import { populationEntry, populationMappingYaml } from '../test-fixtures';
import { preflightInput } from './preflight';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = 'SFZH,XM,XB,CSRQ,MZ,HJDQ,JTRKS,LXDH';
const row = '11010519491231002X,张三,2,19491231,汉族,110105,3,';
const compiled = (source: string) => {
  const yaml = populationMappingYaml.replace(
    'source: { format: csv, encoding: gbk, delimiter: "," }',
    source,
  );
  return loadMapping(yaml, populationEntry).compiled!;
};
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('preflightInput', () => {
  it('passes a good file, an empty one and a header with no rows', async () => {
    const csv = compiled('source: { format: csv }');
    expect(await preflightInput(csv, file('good.csv', `${header}\n${row}\n`))).toBeUndefined();
    expect(await preflightInput(csv, file('empty.csv', ''))).toBeUndefined();
    expect(await preflightInput(csv, file('header.csv', `${header}\n`))).toBeUndefined();
  });

  it('checks the header even when no row follows it', async () => {
    const refusal = await preflightInput(compiled('source: { format: csv }'), file('short.csv', 'SFZH,XM\n'));
    expect(refusal?.code).toBe('mapping/unknown-column');
    expect(refusal?.diagnostics.map((d) => d.path.join('.'))).toEqual([
      'fields.xb.from',
      'fields.csrq.from',
      'fields.mz.from',
      'fields.hjdq.from',
      'fields.jtrks.from',
      'fields.lxdh.from',
    ]);
  });

  it('refuses bytes that are no text in the first lines, naming the line', async () => {
    // 0xFF is neither UTF-8 nor a GB 18030 lead byte: decoded as a replacement character.
    const bytes = Buffer.concat([Buffer.from(`${header}\n${row}\n`), Buffer.from([0x31, 0xff, 0x2c, 0x0a])]);
    const path = file('binaryish.csv', bytes);
    expect(await preflightInput(compiled('source: { format: csv, encoding: gb18030 }'), path)).toMatchObject({
      code: 'source/undecodable',
      message: expect.stringContaining(
        `${path} does not decode in the mapping's encoding: line 3 holds bytes`,
      ),
    });
  });

  it('names the sheet row of a header under a merged title in a workbook', async () => {
    const path = join(dir, 'titled.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('人口');
    sheet.addRow(['户籍人口（2026 年 12 月）']);
    sheet.mergeCells('A1:H1');
    sheet.addRow(header.split(','));
    sheet.addRow(row.split(','));
    await book.xlsx.writeFile(path);
    const refusal = await preflightInput(compiled('source: { format: xlsx }'), path);
    expect(refusal?.code).toBe('mapping/unknown-column');
    expect(refusal?.diagnostics.at(-1)?.message).toBe(
      'the columns the mapping reads are on line 2 of the input: set source.headerRow: 2',
    );
    expect(await preflightInput(compiled('source: { format: xlsx, headerRow: 2 }'), path)).toBeUndefined();
  });
});
