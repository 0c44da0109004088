import { createReadStream } from 'node:fs';

const NEWLINE = 10;

/** Data rows in a text file (lines, less a header), or undefined when it cannot be read: for an ETA only. */
export async function countLines(path: string, header: boolean): Promise<number | undefined> {
  try {
    let lines = 0;
    let last = NEWLINE;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let at = chunk.indexOf(NEWLINE);
      while (at !== -1) {
        lines += 1;
        at = chunk.indexOf(NEWLINE, at + 1);
      }
      if (chunk.length > 0) last = chunk[chunk.length - 1]!;
    }
    if (last !== NEWLINE) lines += 1;
    return Math.max(0, lines - (header ? 1 : 0));
  } catch {
    return undefined;
  }
}
