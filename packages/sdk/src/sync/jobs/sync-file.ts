import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CompiledMapping } from '../../mapping/compile';
import { type InputRefusal, preflightInput } from '../../mapping/jobs/preflight';
import { readerOptionsOf } from '../../mapping/jobs/read-sample';
import { duplicatesOf } from '../../mapping/jobs/scan-keys';
import { loadMapping } from '../../mapping/load';
import { type ParsedMapping, parseMapping } from '../../mapping/parse';
import type { TargetEntry } from '../../mapping/types';
import { readSource } from '../../sources/index';
import type { InputIdentity } from '../checkpoint';
import { adoptLegacyCheckpoint, defaultCheckpointPath } from '../checkpoint-path';
import { SyncError, SyncMappingError } from '../errors';
import { syncMappingOf } from '../mapping-adapter';
import { type BatchClient, createClientPusher, type PushRetryOptions } from '../push';
import { createRunReporter, type RunReportClient } from '../run-report';
import { mappingDigest, sync } from '../sync';
import type { SyncOptions, SyncResult } from '../sync-options';
import { countLines } from './count-lines';

/** What `syncFile` needs of an exchange client: the typed client fits. */
export interface SyncFileClient extends BatchClient {
  catalog: { get(code: string): Promise<{ data: unknown }> };
  /** When present, each run is reported to the exchange at its end (see `createRunReporter`). */
  quality?: RunReportClient['quality'];
}

/** The mapping of a file sync: its file's path, its text (an editor's buffer), or a compiled mapping and its text. */
export type SyncFileMapping = string | { text: string } | { compiled: CompiledMapping; text: string };

export interface SyncFileOptions
  extends Pick<
    SyncOptions,
    | 'mode'
    | 'watermark'
    | 'resume'
    | 'rejects'
    | 'state'
    | 'batchSize'
    | 'concurrency'
    | 'stop'
    | 'onProgress'
    | 'checkpointIntervalMs'
    | 'duplicates'
    | 'allowDeletesWithRejects'
    | 'allowEmptySnapshot'
    | 'allowMassDelete'
    | 'shard'
  > {
  mapping: SyncFileMapping;
  /** The legacy export, read as the mapping's `source` says (format, encoding, delimiter, sheet). */
  input: string;
  /** The exchange, or a function that connects when the mapping has been read (so a bad mapping needs none). */
  client: SyncFileClient | (() => SyncFileClient | Promise<SyncFileClient>);
  /** How each batch is sent: per-attempt timeout (default 15 s) and retries (sync's profile by default). */
  push?: PushRetryOptions & { timeoutMs?: number };
  /**
   * The checkpoint file. Default: `.unsilo/sync/<resource>.<mode>.json` under `folder` (one per mode; a
   * `<resource>.json` of an earlier unsilo whose mode matches is adopted once, then renamed `….json.migrated`),
   * `.unsilo/sync/<resource>.<mode>.shard-<i>-of-<n>.json` for a shard.
   */
  checkpoint?: string;
  /** The folder of the default checkpoint (default: the working directory). */
  folder?: string;
  /** Count the input's lines first (CSV, NDJSON), for an ETA in the progress events. */
  estimateTotal?: boolean;
  /** Called once everything is ready, just before the first row is read. */
  onStart?: (start: SyncFileStart) => void;
  /**
   * The city's IANA time zone (`timeZone` of `unsilo.config.yaml`): "today", for birth dates in the future, is the
   * date there (default: Asia/Shanghai). Applies when the mapping is given as a file or text (a compiled mapping
   * already has its day).
   */
  timeZone?: string;
  /** "Today" instead of now: a calendar day `YYYY-MM-DD`, or an instant read in `timeZone`. */
  today?: Date | string;
}

/** What a file sync is about to do. */
export interface SyncFileStart {
  resource: string;
  checkpoint: string;
  /** The estimated number of rows, when `estimateTotal` was asked for and the format allows it. */
  total?: number;
}

/**
 * Syncs a legacy export through a field mapping into the exchange, as `unsilo sync` and the editor's Sync do:
 * reads the mapping, compiles it against the exchange's own catalogue entry (so that item checks run before rows
 * travel), opens the input with the mapping's reader options and runs `sync` with a checkpoint that pins the
 * input file and the mapping's digest. Throws SyncError: `sync.mapping_unreadable`, `sync.input_unreadable`,
 * `sync.mapping_invalid` (a SyncMappingError with the diagnostics), the pre-flight's `sync.input_wrong_format`,
 * `sync.input_undecodable`, `sync.input_sheet_missing` and `sync.input_columns_missing`, and those of `sync`.
 */
export async function syncFile(options: SyncFileOptions): Promise<SyncResult> {
  const given = await mappingOf(options.mapping);
  const client = typeof options.client === 'function' ? await options.client() : options.client;
  const compiled =
    'compiled' in given ? given.compiled : await compileAgainstEntry(given.parsed, client, options);
  const mapping = compiled.mapping;
  const checkpoint = options.checkpoint ?? (await modeCheckpoint(mapping.resource, options));
  const input = await inputIdentity(options.input);
  const format = mapping.source.format;
  await refuseBadInput(compiled, options.input);
  const duplicates = await prescanDuplicates(compiled, options);
  const total =
    options.estimateTotal && format !== 'xlsx'
      ? await countLines(options.input, format === 'csv')
      : undefined;
  options.onStart?.({ resource: mapping.resource, checkpoint, ...(total !== undefined ? { total } : {}) });
  return sync({
    mapping: syncMappingOf(compiled, given.text, mappingDigest),
    rows: readSource(options.input, format, readerOptionsOf(mapping)),
    push: createClientPusher(client, options.push),
    ...(client.quality ? { report: createRunReporter({ quality: client.quality }) } : {}),
    mode: options.mode,
    input,
    ...(options.watermark ? { watermark: options.watermark } : {}),
    checkpoint,
    resume: options.resume,
    ...(options.rejects ? { rejects: options.rejects } : {}),
    ...(options.state ? { state: options.state } : {}),
    batchSize: options.batchSize,
    concurrency: options.concurrency,
    stop: options.stop,
    onProgress: options.onProgress,
    ...(total !== undefined ? { total } : {}),
    checkpointIntervalMs: options.checkpointIntervalMs,
    ...(options.duplicates ? { duplicates: options.duplicates } : {}),
    ...(duplicates ? { duplicateGuard: duplicates } : {}),
    ...(options.allowDeletesWithRejects ? { allowDeletesWithRejects: true } : {}),
    ...(options.allowEmptySnapshot ? { allowEmptySnapshot: true } : {}),
    ...(options.allowMassDelete ? { allowMassDelete: true } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
  });
}

/**
 * The default checkpoint of the resource, mode and shard; one an earlier unsilo kept per resource is adopted once
 * by an unsharded run (it was unsharded).
 */
async function modeCheckpoint(resource: string, options: SyncFileOptions): Promise<string> {
  const folder = options.folder ?? '.';
  const mode = options.mode ?? 'full';
  if (!options.shard) await adoptLegacyCheckpoint(folder, resource, mode);
  return defaultCheckpointPath(folder, resource, mode, options.shard);
}

/**
 * The input's keys, read in a first pass (the key fields alone), so that no row of a duplicated key is pushed
 * before its other rows are seen; an input that cannot be read twice gets sync's streaming guard instead.
 */
async function prescanDuplicates(compiled: CompiledMapping, options: SyncFileOptions) {
  const policy = options.duplicates ?? 'reject';
  const found = await duplicatesOf(compiled, options.input, policy).catch((error: unknown) => {
    throw unreadable('sync.input_unreadable', options.input, error);
  });
  // `needs-prescan` is left to sync, which refuses `last` without a pre-scan.
  return found === 'needs-prescan' ? undefined : found.guard;
}

/** The mapping's text, parsed (refused when it has errors), or the compiled mapping given. */
async function mappingOf(
  given: SyncFileMapping,
): Promise<{ compiled: CompiledMapping; text: string } | { parsed: ParsedMapping; text: string }> {
  if (typeof given === 'object' && 'compiled' in given) return given;
  const text = typeof given === 'string' ? await mappingText(given) : given.text;
  const parsed = parseMapping(text);
  if (!parsed.mapping) throw invalidMapping(parsed.diagnostics);
  return { parsed, text };
}

/** Compiled against the exchange's own entry: its item checks (types, lengths, code sets) run on this side. */
async function compileAgainstEntry(
  parsed: ParsedMapping,
  client: SyncFileClient,
  day: Pick<SyncFileOptions, 'today' | 'timeZone'>,
): Promise<CompiledMapping> {
  const resource = await client.catalog.get(parsed.mapping!.resource);
  const entry = (resource.data as { entry?: TargetEntry }).entry;
  const loaded = loadMapping(parsed, entry, { today: day.today, timeZone: day.timeZone });
  if (!loaded.compiled) throw invalidMapping(loaded.diagnostics);
  return loaded.compiled;
}

async function mappingText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable('sync.mapping_unreadable', path, error);
  }
}

/** Sync's code for each refusal of the pre-flight. */
const refusalCodes: Record<InputRefusal['code'], string> = {
  'source/wrong-format': 'sync.input_wrong_format',
  'source/undecodable': 'sync.input_undecodable',
  'source/no-sheet': 'sync.input_sheet_missing',
  'mapping/unknown-column': 'sync.input_columns_missing',
};

/**
 * Pre-flight, the same as `map run`'s: an input of another kind (a workbook named .csv, a PDF), text not in the
 * declared encoding, a missing sheet or a header without the mapping's columns stops the run before anything is
 * pushed — rather than every row being rejected.
 */
async function refuseBadInput(compiled: CompiledMapping, path: string): Promise<void> {
  let refusal: InputRefusal | undefined;
  try {
    refusal = await preflightInput(compiled, path);
  } catch (error) {
    throw unreadable('sync.input_unreadable', path, error);
  }
  if (refusal) throw new SyncError(refusalCodes[refusal.code], refusal.message, refusal.zh);
}

async function inputIdentity(path: string): Promise<InputIdentity> {
  try {
    const info = await stat(path);
    return { path: resolve(path), size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    throw unreadable('sync.input_unreadable', path, error);
  }
}

function unreadable(code: string, path: string, error: unknown): SyncError {
  const reason = (error as Error).message;
  return new SyncError(code, `cannot read ${path}: ${reason}`, `无法读取 ${path}：${reason}`, {
    cause: error,
  });
}

function invalidMapping(diagnostics: SyncMappingError['diagnostics']): SyncMappingError {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return new SyncMappingError(
    diagnostics,
    `the mapping has ${errors} error(s)`,
    `映射文件存在 ${errors} 个错误`,
  );
}
