import iconv from 'iconv-lite';
import { ConsumeError } from './consume-error';

export type CsvEncoding = 'utf-8' | 'gbk';

export const csvEncodings: readonly CsvEncoding[] = ['utf-8', 'gbk'];

export function isCsvEncoding(value: string): value is CsvEncoding {
  return (csvEncodings as readonly string[]).includes(value);
}

/**
 * CSV text as the bytes of `encoding`. GBK cannot hold every character (rare 生僻字 outside GBK, emoji):
 * iconv-lite would write `?` in their place and the export would silently differ from the exchange's records,
 * so such text is refused, naming the character, and the user can choose UTF-8.
 */
export function encodeCsv(text: string, encoding: CsvEncoding): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) {
    const character = firstUnencodable(text);
    throw new ConsumeError(
      'export.unencodable',
      `"${character}" (U+${character.codePointAt(0)!.toString(16).toUpperCase()}) cannot be written in GBK; export with --encoding utf-8`,
      `字符「${character}」无法用 GBK 编码；请改用 --encoding utf-8 导出`,
    );
  }
  return bytes;
}

function firstUnencodable(text: string): string {
  for (const character of text) {
    if (iconv.decode(iconv.encode(character, 'gbk'), 'gbk') !== character) return character;
  }
  return '?';
}
