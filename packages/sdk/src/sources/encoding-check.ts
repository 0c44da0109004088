import { headOf } from './content-kind';
import { detectEncoding } from './decode';
import { SourceError } from './errors';
import type { SourceEncoding } from './types';

/** Bytes looked at: the share of the text the `auto` encoding is also picked from. */
const HEAD_BYTES = 64 * 1024;

const labels = { 'utf-8': 'UTF-8', gbk: 'GBK', gb18030: 'GB 18030' } as const;

/**
 * Non-ASCII bytes a valid UTF-8 text needs before it is called UTF-8 against a declared GBK: three Chinese
 * characters. One or two GBK characters can happen to form valid UTF-8; several in a row practically never do.
 */
const UTF8_EVIDENCE = 9;

function nonAscii(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) if (byte >= 0x80) count++;
  return count;
}

/**
 * The refusal for a text whose first bytes cannot be in the declared encoding, or undefined when they can (or
 * when the encoding is `auto`). A GBK export declared `utf-8` reads as replacement characters, and a UTF-8 one
 * declared `gbk` as other Chinese characters: either way no column the mapping names is found and every row is
 * garbled, so the run is stopped before any row is read. Text that is valid UTF-8 with a few non-ASCII characters
 * is never GBK in practice (runs of GBK's double bytes almost never form valid UTF-8 sequences).
 */
export function encodingMismatch(
  head: Uint8Array,
  encoding: SourceEncoding | undefined,
  name: string,
): SourceError | undefined {
  if (encoding === undefined || encoding === 'auto') return undefined;
  const utf8 = detectEncoding(head) === 'utf-8';
  const declared = labels[encoding];
  if (encoding === 'utf-8' && !utf8) {
    return new SourceError(
      'source/undecodable',
      `${name} does not decode as UTF-8 (source.encoding: utf-8): its first bytes are not UTF-8 (GBK or GB 18030, as older systems export?); set source.encoding: gbk, gb18030 or auto in the mapping`,
      `${name} 无法按 UTF-8 解码（source.encoding: utf-8）：开头内容不是 UTF-8（可能是旧系统导出的 GBK 或 GB 18030）；请在映射文件中设置 source.encoding: gbk、gb18030 或 auto`,
    );
  }
  if (encoding !== 'utf-8' && utf8 && nonAscii(head) >= UTF8_EVIDENCE) {
    return new SourceError(
      'source/undecodable',
      `${name} is UTF-8 text, not ${declared} (source.encoding: ${encoding}): read as ${declared} its Chinese text would be garbled; set source.encoding: utf-8 or auto in the mapping`,
      `${name} 是 UTF-8 文本，不是 ${declared}（source.encoding: ${encoding}）：按 ${declared} 读取中文会成为乱码；请在映射文件中设置 source.encoding: utf-8 或 auto`,
    );
  }
  return undefined;
}

/** Refuses a text file whose first bytes cannot be in `encoding` (`source/undecodable`). */
export async function checkSourceEncoding(path: string, encoding: SourceEncoding | undefined): Promise<void> {
  if (encoding === undefined || encoding === 'auto') return;
  const refusal = encodingMismatch(await headOf(path, HEAD_BYTES), encoding, path);
  if (refusal) throw refusal;
}
