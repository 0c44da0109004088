import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../load';
import { compiledPopulationMapping, populationEntry, populationMappingYaml } from '../test-fixtures';
import { MappingJobError } from './job-error';
import { runMappingFile } from './run-mapping-file';

const dir = mkdtempSync(join(tmpdir(), 'unsilo-map-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const today = new Date('2026-11-26T00:00:00Z');
const compiled = () => compiledPopulationMapping({ today });
const header = 'SFZH,XM,XB,CSRQ,MZ,HJDQ,JTRKS,LXDH';
const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');

describe('runMappingFile', () => {
  it('writes records and rejects, counts a row once per rule and tallies uncovered codes', async () => {
    const input = join(dir, 'in.csv');
    writeFileSync(
      input,
      [
        header,
        '11010519491231002X,张三,2,19491231,汉族,110105,3,',
        // xb and mz uncovered, csrq not a date: codes counts once for this row
        '110105194912310046,李四,9,19490231,不详,110105,3,',
        '110105194912310062,王五,9,19491231,汉族,110105,3,',
        '"unclosed,x',
      ].join('\n'),
    );
    const output = join(dir, 'out.ndjson');
    const rejects = join(dir, 'out.rejects.ndjson');
    const counts = await runMappingFile(compiled(), { input, output, rejects });
    expect({ ...counts, durationMs: 0 }).toEqual({
      read: 4,
      accepted: 1,
      rejected: 3,
      replaced: 0,
      duplicateScan: 'prescanned',
      warnings: 0,
      rejectsByRule: { codes: 2, date: 1, 'csv/unclosed-quote': 1 },
      uncovered: [
        { field: 'xb', value: '9', count: 2 },
        { field: 'mz', value: '不详', count: 1 },
      ],
      durationMs: 0,
    });
    expect(lines(output)).toEqual([
      '{"gmsfhm":"11010519491231002X","xm":"张三","xb":"2","csrq":"1949-12-31","mz":"01","hjdq":"110105","jtrks":3}',
    ]);
    expect(lines(rejects).map((l) => JSON.parse(l).errors.map((e: { rule: string }) => e.rule))).toEqual([
      ['codes', 'date', 'codes'],
      ['codes'],
      ['csv/unclosed-quote'],
    ]);
  });

  it('creates the folders of its output and rejects files', async () => {
    const input = join(dir, 'folders.csv');
    writeFileSync(input, `${header}\n11010519491231002X,张三,2,19491231,汉族,110105,3,\n`);
    const output = join(dir, 'out', '2026-12', 'records.ndjson');
    const rejects = join(dir, 'rejected', 'records.rejects.ndjson');
    const counts = await runMappingFile(compiled(), { input, output, rejects });
    expect(counts.accepted).toBe(1);
    expect(lines(output)).toHaveLength(1);
    expect(readFileSync(rejects, 'utf8')).toBe('');
  });

  it('stops before writing a row when the input lacks a column the mapping reads', async () => {
    const input = join(dir, 'short.csv');
    writeFileSync(input, 'SFZH,XM\n11010519491231002X,张三\n');
    const output = join(dir, 'short.ndjson');
    const failure = await runMappingFile(compiled(), {
      input,
      output,
      rejects: join(dir, 'short.rejects'),
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MappingJobError);
    const error = failure as MappingJobError;
    expect(error.code).toBe('mapping/unknown-column');
    expect(error.diagnostics.map((d) => d.path.join('.'))).toEqual([
      'fields.xb.from',
      'fields.csrq.from',
      'fields.mz.from',
      'fields.hjdq.from',
      'fields.jtrks.from',
      'fields.lxdh.from',
    ]);
    // The pre-flight stops before any file is made.
    expect(existsSync(output)).toBe(false);
  });

  it('refuses before writing a file an export not in the declared encoding (pre-flight)', async () => {
    const gbk = join(dir, 'gbk.csv');
    writeFileSync(gbk, iconv.encode(`${header}\n11010519491231002X,张三,2,19491231,汉族,110105,3,\n`, 'gbk'));
    const output = join(dir, 'gbk.ndjson');
    const failure = await runMappingFile(compiled(), {
      input: gbk,
      output,
      rejects: join(dir, 'gbk.r'),
    }).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'source/undecodable',
      message: expect.stringContaining(`${gbk} does not decode as UTF-8 (source.encoding: utf-8)`),
    });
    expect(existsSync(output)).toBe(false);
  });

  it('names the header row when the columns sit below a title row, and reads it with source.headerRow', async () => {
    const input = join(dir, 'titled.csv');
    writeFileSync(
      input,
      `户籍人口（2026 年 12 月）\n${header}\n11010519491231002X,张三,2,19491231,汉族,110105,3,\n`,
    );
    const rejects = join(dir, 'titled.r');
    const failure = (await runMappingFile(compiled(), {
      input,
      output: join(dir, 't.ndjson'),
      rejects,
    }).catch((e: unknown) => e)) as MappingJobError;
    expect(failure.code).toBe('mapping/unknown-column');
    expect(failure.diagnostics.at(-1)).toMatchObject({
      code: 'mapping/header-row',
      path: ['source'],
      message: 'the columns the mapping reads are on line 2 of the input: set source.headerRow: 2',
    });
    expect(failure.message).toContain(`(columns found: 户籍人口（2026 年 12 月）)`);
    const yaml = populationMappingYaml.replace('encoding: gbk', 'encoding: utf-8, headerRow: 2');
    const titled = loadMapping(yaml, populationEntry, { today }).compiled!;
    const output = join(dir, 'titled.ndjson');
    expect(await runMappingFile(titled, { input, output, rejects })).toMatchObject({ read: 1, accepted: 1 });
    expect(JSON.parse(lines(output)[0]!)).toMatchObject({ gmsfhm: '11010519491231002X', xm: '张三' });
  });

  it('refuses an XLSX sheet the workbook lacks, naming its sheets, before writing a file', async () => {
    const input = join(dir, 'book.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('说明').addRow(['导出说明']);
    book.addWorksheet('户籍人口').addRow(header.split(','));
    await book.xlsx.writeFile(input);
    const yaml = populationMappingYaml.replace(
      'source: { format: csv, encoding: gbk, delimiter: "," }',
      'source: { format: xlsx, sheet: 人口 }',
    );
    const xlsx = loadMapping(yaml, populationEntry, { today }).compiled!;
    const output = join(dir, 'book.ndjson');
    const failure = await runMappingFile(xlsx, { input, output, rejects: join(dir, 'book.r') }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({
      code: 'source/no-sheet',
      message:
        '工作簿中没有工作表「人口」（source.sheet）；现有工作表：「说明」、「户籍人口」 / the workbook has no worksheet "人口" (source.sheet); its sheets: "说明", "户籍人口"',
    });
    expect(existsSync(output)).toBe(false);
  });

  it('an output that cannot be written is an io error naming it', async () => {
    const input = join(dir, 'in.csv');
    // Its folder would be a file: neither the folder nor the file can be made.
    const output = join(input, 'out.ndjson');
    const failure = await runMappingFile(compiled(), { input, output, rejects: join(dir, 'r.ndjson') }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(MappingJobError);
    expect((failure as MappingJobError).code).toBe('io');
    expect((failure as MappingJobError).message).toMatch(/^cannot write/);
  });
});
