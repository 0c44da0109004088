import { describe, expect, it } from 'vitest';
import { populationEntry } from '../test-fixtures';
import { diagnoseMapping } from './diagnose-mapping';

const yaml = (fields: string, source = 'source: { format: csv, sample: s.csv }') => `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
${source}
key: [gmsfhm]
fields:
  gmsfhm: { from: SFZH }
  xm: { from: XM }
${fields}`;
const sample = (text: string) => ({ source: new TextEncoder().encode(text) });
const found = (diagnostics: Awaited<ReturnType<typeof diagnoseMapping>>) =>
  diagnostics.map((d) => [d.severity, d.code, d.range?.start.line, d.range?.start.column]);

describe('diagnoseMapping', () => {
  it('finds unknown columns (from the sample), unknown code sets, bad transforms and coded items without codes', async () => {
    const mapping = yaml(
      '  xb: { from: XINGBIE }\n  mz: { from: MZ, codes: { codeset: GB/T 9999 } }\n  csrq: { from: CSRQ, transform: [{ date: "YYYY-QQ" }] }\n',
    );
    // Without a compilable mapping the sample is not read: compile errors first.
    expect(
      found(await diagnoseMapping({ mapping, entry: populationEntry, sample: sample('SFZH,XM\n1,2\n') })),
    ).toEqual([
      ['warning', 'mapping/codes-missing', 9, 3],
      ['error', 'mapping/bad-transform', 11, 35],
      ['error', 'mapping/codeset-unknown', 10, 19],
    ]);
    const fixed = yaml('  xb: { from: XINGBIE }\n  csrq: { from: CSRQ }\n');
    const diagnostics = await diagnoseMapping({
      mapping: fixed,
      entry: populationEntry,
      sample: sample('SFZH,XM,XB\n11010519491231002X,张三,1\n'),
    });
    expect(found(diagnostics)).toEqual([
      ['warning', 'mapping/codes-missing', 9, 3],
      ['error', 'mapping/unknown-column', 9, 9],
      ['error', 'mapping/unknown-column', 10, 11],
    ]);
    expect(diagnostics[1]?.message).toBe('the input has no column "XINGBIE" (columns: SFZH, XM, XB)');
  });

  it('a sample that cannot be read is a warning at source.sample', async () => {
    const diagnostics = await diagnoseMapping({
      mapping: yaml(''),
      entry: populationEntry,
      sample: { source: '/nonexistent/unsilo/sample.csv' },
    });
    expect(found(diagnostics)).toEqual([['warning', 'mapping/sample-unreadable', 4, 24]]);
    expect(diagnostics[0]?.message).toMatch(/^the sample cannot be read: .*ENOENT/);
  });
});
