import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodingMismatch } from './encoding-check';

const utf8 = (text: string) => new TextEncoder().encode(text);
const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));

describe('encodingMismatch', () => {
  it('refuses a GBK export declared utf-8, and a UTF-8 one declared gbk or gb18030', () => {
    expect(encodingMismatch(gbk('SFZH,XM\n1,张三\n'), 'utf-8', 'a.csv')).toMatchObject({
      code: 'source/undecodable',
      message: expect.stringMatching(/^a\.csv does not decode as UTF-8 \(source\.encoding: utf-8\)/),
      zh: expect.stringMatching(/^a\.csv 无法按 UTF-8 解码/),
    });
    const text = utf8('SFZH,XM\n1,张三\n2,李四\n');
    expect(encodingMismatch(text, 'gbk', 'b.csv')?.message).toBe(
      'b.csv is UTF-8 text, not GBK (source.encoding: gbk): read as GBK its Chinese text would be garbled; set source.encoding: utf-8 or auto in the mapping',
    );
    expect(encodingMismatch(text, 'gb18030', 'b.csv')?.code).toBe('source/undecodable');
  });

  it('lets through what fits: the declared encoding, plain ASCII, auto, and a GBK character that happens to be UTF-8', () => {
    expect(encodingMismatch(gbk('SFZH,XM\n1,张三\n'), 'gbk', 'a.csv')).toBeUndefined();
    expect(encodingMismatch(utf8('SFZH,XM\n1,张三\n'), 'utf-8', 'a.csv')).toBeUndefined();
    expect(encodingMismatch(utf8('SFZH,XM\n1,2\n'), 'gbk', 'a.csv')).toBeUndefined();
    expect(encodingMismatch(gbk('SFZH,XM\n1,张三\n'), 'auto', 'a.csv')).toBeUndefined();
    // 0xC4 0xA3 is GBK 模 (mó) and also valid UTF-8 (ģ): too little to call the file UTF-8.
    expect(encodingMismatch(new Uint8Array([0x41, 0x2c, 0xc4, 0xa3, 0x0a]), 'gbk', 'a.csv')).toBeUndefined();
  });
});
