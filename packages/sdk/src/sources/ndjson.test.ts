import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readNdjson } from './ndjson';
import { DEFAULT_MAX_RECORD_CHARS, type SourceItem } from './types';

async function collect(text: string | string[], options = {}): Promise<SourceItem[]> {
  const chunks = (Array.isArray(text) ? text : [text]).map((t) => Buffer.from(t));
  const out: SourceItem[] = [];
  for await (const item of readNdjson(Readable.from(chunks), options)) out.push(item);
  return out;
}

describe('readNdjson', () => {
  it('reads one object per line as text values and rejects bad lines with their line number', async () => {
    const out = await collect([
      '{"a":"x","n":1.5,"z":null}\n\n[1]\n{"a":',
      '"y","o":{"k":true}}\nnot json\n{"a":"last"}',
    ]);
    expect(out).toEqual([
      { row: 1, values: { a: 'x', n: '1.5', z: '' } },
      { row: 2, line: 3, error: expect.objectContaining({ rule: 'ndjson/syntax', value: '[1]' }) },
      { row: 3, values: { a: 'y', o: '{"k":true}' } },
      { row: 4, line: 5, error: expect.objectContaining({ rule: 'ndjson/syntax' }) },
      { row: 5, values: { a: 'last' } },
    ]);
  });

  it('bounds the length of a line', async () => {
    const out = await collect([`{"a":"${'x'.repeat(300)}`, `${'x'.repeat(300)}"}\n{"a":"b"}\n`], {
      maxRecordChars: 100,
    });
    expect(out.map((o) => ('error' in o ? o.error.rule : o.values.a))).toEqual([
      'ndjson/line-too-large',
      'b',
    ]);
  });

  it('skips a line over the limit as it arrives, naming the limit, and reads the next one', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const out = await collect([
      '{"a":"1"}\n{"a":"',
      ...Array.from({ length: 200 }, () => chunk),
      '"}\n{"a":"3"}\n',
    ]);
    expect(
      out.map((o) => ('error' in o ? [o.row, o.line, o.error.rule, o.error.message] : o.values.a)),
    ).toEqual([
      '1',
      [
        2,
        2,
        'ndjson/line-too-large',
        `line 2: line longer than ${DEFAULT_MAX_RECORD_CHARS} characters (the limit); skipped`,
      ],
      '3',
    ]);
  });

  it('refuses a line nested deeper than 64 levels before parsing it, and reads on', async () => {
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const out = await collect([
      `${nested(100_000)}\n${nested(65)}\n${nested(64)}\n{"s":"${'['.repeat(100)}"}\n`,
    ]);
    expect(out.map((o) => ('error' in o ? [o.line, o.error.rule, o.error.zh] : o.row))).toEqual([
      [1, 'ndjson/too-deep', '第 1 行：JSON 嵌套层级超过 64 层，已跳过'],
      [2, 'ndjson/too-deep', '第 2 行：JSON 嵌套层级超过 64 层，已跳过'],
      3,
      4,
    ]);
  });

  it('reads members named __proto__ and constructor as columns; rows inherit nothing', async () => {
    const [row] = await collect('{"__proto__":"p","constructor":"c"}\n');
    const values = (row as { values: Record<string, string> }).values;
    expect(Object.entries(values)).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
    ]);
    expect('toString' in values).toBe(false);
  });
});
