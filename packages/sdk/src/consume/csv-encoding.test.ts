import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ConsumeError } from './consume-error';
import { encodeCsv } from './csv-encoding';

describe('encodeCsv', () => {
  it('writes UTF-8 by default, without a byte-order mark', () => {
    expect(Buffer.from(encodeCsv('张三\r\n', 'utf-8')).toString('hex')).toBe('e5bca0e4b8890d0a');
  });

  it('writes GBK that decodes back to the same text', () => {
    const bytes = encodeCsv('姓名,民政局\r\n', 'gbk');
    expect(Buffer.from(bytes).toString('hex')).toBe('d0d5c3fb2cc3f1d5febed60d0a');
    expect(iconv.decode(Buffer.from(bytes), 'gbk')).toBe('姓名,民政局\r\n');
  });

  it('refuses text GBK cannot hold, naming the character, rather than writing "?"', () => {
    let caught: unknown;
    try {
      encodeCsv('王😀明', 'gbk');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConsumeError);
    expect((caught as ConsumeError).code).toBe('export.unencodable');
    expect((caught as ConsumeError).message).toContain('U+1F600');
  });
});
