import { createReadStream } from 'node:fs';

/** One line of a file: its bytes (without the line break), or `tooLong` when it passed the limit. */
export type BoundedLine =
  | { number: number; bytes: Buffer; tooLong?: undefined }
  | { number: number; tooLong: true; bytes?: undefined };

/**
 * The lines of a file, numbered from 1, each held in memory only up to `maxLineBytes`: a longer line is
 * reported as `tooLong` and its bytes are skipped, so a file without line breaks cannot exhaust memory. Bytes
 * are not decoded here — a file in a wrong encoding is the caller's finding, not a crash. `\r\n` ends a line too.
 */
export async function* boundedLines(path: string, maxLineBytes: number): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let overflow = false;
  let number = 0;
  const finish = (): BoundedLine => {
    number += 1;
    const bytes = overflow ? undefined : withoutCarriageReturn(Buffer.concat(parts, length));
    const line: BoundedLine =
      bytes === undefined || bytes.length > maxLineBytes ? { number, tooLong: true } : { number, bytes };
    parts = [];
    length = 0;
    overflow = false;
    return line;
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a, start); end !== -1; end = chunk.indexOf(0x0a, start)) {
      take(chunk.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    take(chunk.subarray(start));
  }
  if (length > 0 || overflow) yield finish();

  function take(piece: Buffer): void {
    if (overflow || piece.length === 0) return;
    // +1: a line of exactly maxLineBytes followed by `\r` is still within the limit.
    if (length + piece.length > maxLineBytes + 1) {
      overflow = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.length;
  }
}

function withoutCarriageReturn(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes;
}
