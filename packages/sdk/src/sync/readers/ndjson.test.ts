import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readNdjson } from './ndjson';
import type { SourceItem } from './types';

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
    expect(out.map((o) => ('error' in o ? o.error.rule : o.values.a))).toEqual(['ndjson/syntax', 'b']);
  });
});
