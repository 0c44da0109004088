import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { ByteSource, SourceEncoding } from './types';

const SNIFF_BYTES = 64 * 1024;

export function openBytes(source: ByteSource, highWaterMark = 64 * 1024): AsyncIterable<Uint8Array> {
  return typeof source === 'string' ? createReadStream(source, { highWaterMark }) : source;
}

/**
 * Picks the encoding of a text from its first bytes: a BOM decides; otherwise strict UTF-8 over the sample
 * (a multi-byte sequence cut at the end of the sample is fine) or, failing that, GB 18030 (a superset of GBK).
 */
export function detectEncoding(sample: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

interface TextDecoderLike {
  write(bytes: Uint8Array): string;
  end(): string;
}

function decoderFor(encoding: string): TextDecoderLike {
  if (encoding === 'utf-8') {
    const d = new TextDecoder('utf-8', { ignoreBOM: false });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding, { stripBOM: true });
  return {
    write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)),
    end: () => d.end() ?? '',
  };
}

/** Decodes a byte stream into text chunks (utf-8, gbk, gb18030 or auto-detected), stripping a BOM. */
export async function* decodeText(
  bytes: AsyncIterable<Uint8Array>,
  encoding: SourceEncoding = 'auto',
): AsyncGenerator<string> {
  let decoder: TextDecoderLike | undefined = encoding === 'auto' ? undefined : decoderFor(encoding);
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const chunk of bytes) {
    if (!decoder) {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes < SNIFF_BYTES) continue;
      const sample = Buffer.concat(pending);
      decoder = decoderFor(detectEncoding(sample));
      pending.length = 0;
      const text = decoder.write(sample);
      if (text) yield text;
      continue;
    }
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  if (!decoder) {
    const sample = Buffer.concat(pending);
    decoder = decoderFor(detectEncoding(sample));
    const text = decoder.write(sample);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
