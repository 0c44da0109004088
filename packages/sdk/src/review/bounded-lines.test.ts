import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundedLines } from './bounded-lines';

const dir = await mkdtemp(join(tmpdir(), 'unsilo-lines-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function linesOf(content: string, max: number) {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}`);
  await writeFile(path, content);
  const out: (string | 'TOO LONG')[] = [];
  for await (const line of boundedLines(path, max))
    out.push(line.bytes ? line.bytes.toString('utf8') : 'TOO LONG');
  return out;
}

describe('boundedLines', () => {
  it('splits on \\n and \\r\\n, keeps a last line without a break and blank lines', async () => {
    expect(await linesOf('a\r\nbb\n\nccc', 10)).toEqual(['a', 'bb', '', 'ccc']);
  });

  it('holds a line of exactly the limit, and reports a longer one without its bytes', async () => {
    expect(await linesOf('12345\n123456\r\n1234567\nok\n', 5)).toEqual([
      '12345',
      'TOO LONG',
      'TOO LONG',
      'ok',
    ]);
    expect(await linesOf('12345\r\n', 5)).toEqual(['12345']);
  });
});
