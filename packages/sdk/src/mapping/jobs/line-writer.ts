import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import type { CompiledMapping } from '../compile';
import type { TargetRecord } from '../types';
import { MappingJobError } from './job-error';

const CHUNK_BYTES = 128 * 1024;
const NEWLINE = 10;

/**
 * Writes lines to a file stream as UTF-8 in large chunks. Each line is encoded straight into the current
 * chunk, so no long string of many lines is ever built: joining thousands of lines into one string and then
 * encoding it costs several times more than encoding each line where it lands. Full chunks go to the stream
 * on `flush()`, which waits while the stream's buffer is full (backpressure). Write errors are `MappingJobError`s (`io`).
 */
export class LineWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly full: Buffer[] = [];

  constructor(private readonly stream: WriteStream) {}

  /** Appends `text` and a line break. */
  line(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const worst = text.length * 3 + 1;
    if (worst > this.chunk.length - this.used) {
      this.handOff();
      if (worst > this.chunk.length) this.chunk = Buffer.allocUnsafe(worst);
    }
    this.used += this.chunk.write(text, this.used);
    this.chunk[this.used++] = NEWLINE;
  }

  /** Appends one record of the mapping as a JSON line, encoded where it lands. */
  record(mapping: CompiledMapping, record: TargetRecord): void {
    let end = mapping.encodeLine(record, this.chunk, this.used);
    if (end < 0) {
      this.handOff();
      end = mapping.encodeLine(record, this.chunk, 0);
      // Longer than a chunk: through a string, into a chunk of its own.
      if (end < 0) {
        this.line(mapping.stringify(record));
        return;
      }
    }
    this.used = end;
  }

  /** Passes the filled chunks to the stream and waits for it to drain when its buffer is full. */
  async flush(): Promise<void> {
    if (this.full.length === 0) return;
    try {
      if (this.stream.errored) throw this.stream.errored;
      let more = true;
      for (const chunk of this.full) more = this.stream.write(chunk);
      this.full.length = 0;
      if (!more) await once(this.stream, 'drain');
    } catch (error) {
      throw new MappingJobError(
        'io',
        `cannot write ${String(this.stream.path)}: ${(error as Error).message}`,
      );
    }
  }

  /** Writes what is left and closes the file. */
  async end(): Promise<void> {
    this.handOff();
    await this.flush();
    await new Promise<void>((ok, fail) =>
      this.stream.end((error?: Error | null) => (error ? fail(error) : ok())),
    );
  }

  /** The current chunk joins the ones to be written; the next lines go to a fresh chunk. */
  private handOff(): void {
    if (this.used === 0) return;
    this.full.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}
