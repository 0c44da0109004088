import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkSourceFormat, pumpSource, SourceError } from '../../sources/index';
import { type ByteSource, isReject, type SourceItem } from '../../sources/types';
import type { CompiledMapping } from '../compile';
import { RejectTally } from '../reject-tally';
import { MappingJobError } from './job-error';
import { LineWriter } from './line-writer';
import { readerOptionsOf } from './read-sample';

export interface RunMappingFileOptions {
  /** The input: a file path or its bytes, read as the mapping's `source` says (format, encoding, delimiter, sheet). */
  input: ByteSource;
  /** The NDJSON file the records of accepted rows go to. */
  output: string;
  /** The NDJSON file rejected rows go to, each with its errors (and its source values when it was read). */
  rejects: string;
}

/** What a run did. */
export interface RunMappingCounts {
  read: number;
  accepted: number;
  rejected: number;
  warnings: number;
  /** Rejected rows by rule (a row counts once per rule). */
  rejectsByRule: Record<string, number>;
  /** Legacy values the codes do not cover, the most frequent first. */
  uncovered: Array<{ field: string; value: string; count: number }>;
  durationMs: number;
}

/**
 * Streams a whole input through a compiled mapping into `output` (records, NDJSON) and `rejects`, waiting on
 * backpressure: each row is mapped and written the moment it is parsed, so memory stays flat. Stops with a
 * `MappingJobError` when the input lacks a column the mapping reads (before any row is written), or when a
 * file cannot be read or written.
 */
export async function runMappingFile(
  compiled: CompiledMapping,
  options: RunMappingFileOptions,
): Promise<RunMappingCounts> {
  const started = performance.now();
  await refuseWrongFormat(options.input, compiled.mapping.source.format);
  await makeFoldersFor(options.output, options.rejects);
  const out = createWriteStream(options.output);
  const rejects = createWriteStream(options.rejects);
  // Errors surface through the line writers (flush, end); the listeners keep them from being unhandled meanwhile.
  out.on('error', () => {});
  rejects.on('error', () => {});
  const run = new MappingRun(compiled, new LineWriter(out), new LineWriter(rejects));
  const mapping = compiled.mapping;
  try {
    const push = (item: SourceItem) => run.take(item);
    await pumpSource(options.input, mapping.source.format, readerOptionsOf(mapping), { push }, () =>
      run.flush(),
    );
  } catch (error) {
    out.destroy();
    rejects.destroy();
    if (error instanceof MappingJobError) throw error;
    const input = typeof options.input === 'string' ? options.input : 'the input';
    throw new MappingJobError('io', `cannot read ${input}: ${(error as Error).message}`);
  }
  await run.end();
  return { ...run.counts(), durationMs: Math.round(performance.now() - started) };
}

/** An input whose first bytes show another kind of file stops the run before anything is written. */
async function refuseWrongFormat(input: ByteSource, format: CompiledMapping['mapping']['source']['format']) {
  try {
    await checkSourceFormat(input, format);
  } catch (error) {
    if (error instanceof SourceError)
      throw new MappingJobError('source/wrong-format', `${error.zh} / ${error.message}`);
    const name = typeof input === 'string' ? input : 'the input';
    throw new MappingJobError('io', `cannot read ${name}: ${(error as Error).message}`);
  }
}

/** The folders the files go into, made as `map run -o out/2026-12/records.ndjson` would expect. */
async function makeFoldersFor(...files: string[]): Promise<void> {
  for (const file of files) {
    try {
      await mkdir(dirname(file), { recursive: true });
    } catch (error) {
      throw new MappingJobError('io', `cannot write ${file}: ${(error as Error).message}`);
    }
  }
}

/** One run's state: counts, the tally of rejects, and the two line writers. */
class MappingRun {
  private read = 0;
  private accepted = 0;
  private rejected = 0;
  private warnings = 0;
  private readonly tally = new RejectTally();
  private headerChecked = false;

  constructor(
    private readonly compiled: CompiledMapping,
    private readonly outLines: LineWriter,
    private readonly rejectLines: LineWriter,
  ) {}

  take(item: SourceItem): void {
    this.read++;
    if (isReject(item)) {
      this.rejected++;
      this.tally.add(item.row, [item.error]);
      this.rejectLines.line(JSON.stringify({ row: item.row, line: item.line, errors: [item.error] }));
      return;
    }
    if (!this.headerChecked) this.checkHeader(Object.keys(item.values));
    const outcome = this.compiled.mapRow(item.values, item.row);
    if (outcome.warnings) this.warnings += outcome.warnings.length;
    if (outcome.errors) {
      this.rejected++;
      this.tally.add(item.row, outcome.errors);
      this.rejectLines.line(JSON.stringify({ row: item.row, errors: outcome.errors, source: item.values }));
    } else {
      this.accepted++;
      this.outLines.record(this.compiled, outcome.record!);
    }
  }

  async flush(): Promise<void> {
    await this.outLines.flush();
    await this.rejectLines.flush();
  }

  async end(): Promise<void> {
    try {
      await Promise.all([this.outLines.end(), this.rejectLines.end()]);
    } catch (error) {
      if (error instanceof MappingJobError) throw error;
      throw new MappingJobError('io', `cannot write: ${(error as Error).message}`);
    }
  }

  counts(): Omit<RunMappingCounts, 'durationMs'> {
    const uncovered = this.tally.uncoveredCodes().map(({ field, value, count }) => ({ field, value, count }));
    const { read, accepted, rejected, warnings } = this;
    return { read, accepted, rejected, warnings, rejectsByRule: this.tally.byRule, uncovered };
  }

  private checkHeader(header: readonly string[]): void {
    this.headerChecked = true;
    const missing = this.compiled.checkColumns(header);
    if (missing.length > 0) {
      throw new MappingJobError('mapping/unknown-column', missing.map((d) => d.message).join('\n'), missing);
    }
  }
}
