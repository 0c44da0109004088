import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pumpSource } from '../../sources/index';
import { type ByteSource, isReject, type SourceItem } from '../../sources/types';
import type { CompiledMapping } from '../compile';
import { type DuplicatePolicy, type DuplicateScan, guardedMapRow } from '../duplicate-keys';
import { RejectTally } from '../reject-tally';
import { MappingJobError } from './job-error';
import { LineWriter } from './line-writer';
import { type InputRefusal, preflightInput } from './preflight';
import { readerOptionsOf } from './read-sample';
import { duplicatesOf } from './scan-keys';

export interface RunMappingFileOptions {
  /** The input: a file path or its bytes, read as the mapping's `source` says (format, encoding, delimiter, sheet). */
  input: ByteSource;
  /** The NDJSON file the records of accepted rows go to. */
  output: string;
  /** The NDJSON file rejected rows go to, each with its errors (and its source values when it was read). */
  rejects: string;
  /**
   * Rows sharing a key: every one rejected with rule `duplicate` (default), or `last`: the last kept and the
   * earlier ones counted as replaced (needs an input that can be read twice: a file, not stdin).
   */
  duplicates?: DuplicatePolicy;
}

/** What a run did. */
export interface RunMappingCounts {
  /** read = accepted + rejected + replaced. */
  read: number;
  accepted: number;
  rejected: number;
  /** Rows a later row of the same key replaced (`duplicates: 'last'`): neither written nor rejected. */
  replaced: number;
  /** How duplicate keys were found: the input pre-scanned, streamed (first occurrence kept), or no key. */
  duplicateScan: DuplicateScan | 'none';
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
 * `MappingJobError` when the pre-flight refuses the input (another kind of file, an encoding that does not
 * decode, a missing sheet, a header without a column the mapping reads: before any file is written), or when a
 * file cannot be read or written.
 */
export async function runMappingFile(
  compiled: CompiledMapping,
  options: RunMappingFileOptions,
): Promise<RunMappingCounts> {
  const started = performance.now();
  await refuseBadInput(compiled, options.input);
  const duplicates = await duplicatesOf(compiled, options.input, options.duplicates ?? 'reject').catch(
    (error: Error) => {
      throw new MappingJobError('io', `cannot read ${inputName(options.input)}: ${error.message}`);
    },
  );
  if (duplicates === 'needs-prescan') throw needsPrescan();
  await makeFoldersFor(options.output, options.rejects);
  const out = createWriteStream(options.output);
  const rejects = createWriteStream(options.rejects);
  // Errors surface through the line writers (flush, end); the listeners keep them from being unhandled meanwhile.
  out.on('error', () => {});
  rejects.on('error', () => {});
  const mapRow = duplicates.guard
    ? guardedMapRow(compiled.mapRow, duplicates.guard, compiled.key)
    : compiled.mapRow;
  const run = new MappingRun(compiled, mapRow, new LineWriter(out), new LineWriter(rejects));
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
    throw new MappingJobError('io', `cannot read ${inputName(options.input)}: ${(error as Error).message}`);
  }
  await run.end();
  return {
    ...run.counts(),
    duplicateScan: duplicates.scan,
    durationMs: Math.round(performance.now() - started),
  };
}

function inputName(input: ByteSource): string {
  return typeof input === 'string' ? input : 'the input';
}

function needsPrescan(): MappingJobError {
  return new MappingJobError(
    'duplicates/needs-prescan',
    '重复主键保留最后一行（duplicates: last）需要可读两遍的输入文件，标准输入等数据流不行 / ' +
      'duplicates: last needs an input that can be read twice (a file): which row of a key comes last cannot be known from a stream such as stdin',
  );
}

/**
 * The pre-flight (`preflightInput`: format, encoding, sheet, columns) stops the run before anything is written.
 * A stream (stdin) cannot be read twice: its columns are checked on its first row instead.
 */
async function refuseBadInput(compiled: CompiledMapping, input: ByteSource): Promise<void> {
  if (typeof input !== 'string') return;
  let refusal: InputRefusal | undefined;
  try {
    refusal = await preflightInput(compiled, input);
  } catch (error) {
    throw new MappingJobError('io', `cannot read ${input}: ${(error as Error).message}`);
  }
  if (refusal) {
    throw new MappingJobError(refusal.code, `${refusal.zh} / ${refusal.message}`, refusal.diagnostics);
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
  private replaced = 0;
  private warnings = 0;
  private readonly tally = new RejectTally();
  private headerChecked = false;

  constructor(
    private readonly compiled: CompiledMapping,
    private readonly mapRow: CompiledMapping['mapRow'],
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
    const outcome = this.mapRow(item.values, item.row);
    if (outcome.warnings) this.warnings += outcome.warnings.length;
    if (outcome.errors) {
      this.rejected++;
      this.tally.add(item.row, outcome.errors);
      this.rejectLines.line(JSON.stringify({ row: item.row, errors: outcome.errors, source: item.values }));
    } else if (outcome.replacedBy !== undefined) {
      this.replaced++;
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

  counts(): Omit<RunMappingCounts, 'durationMs' | 'duplicateScan'> {
    const uncovered = this.tally.uncoveredCodes().map(({ field, value, count }) => ({ field, value, count }));
    const { read, accepted, rejected, replaced, warnings } = this;
    return { read, accepted, rejected, replaced, warnings, rejectsByRule: this.tally.byRule, uncovered };
  }

  private checkHeader(header: readonly string[]): void {
    this.headerChecked = true;
    const missing = this.compiled.checkColumns(header);
    if (missing.length > 0) {
      throw new MappingJobError('mapping/unknown-column', missing.map((d) => d.message).join('\n'), missing);
    }
  }
}
