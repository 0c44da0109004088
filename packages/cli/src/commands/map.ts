import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  type CompiledMapping,
  type DuplicatePolicy,
  formatMappingDiagnostic,
  loadMapping,
  type MappingDiagnostic,
  type PreviewFormat,
  parseMapping,
  renderPreview,
  type TargetEntry,
} from '@unsilo/sdk/mapping';
import {
  MappingJobError,
  previewMapping,
  type RunMappingCounts,
  runMappingFile,
} from '@unsilo/sdk/mapping/jobs';
import { SourceError } from '@unsilo/sdk/sources';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { configuredTimeZone } from '../util/config-time-zone';
import { duplicatePolicy, duplicatesHelp } from '../util/duplicates-option';
import { type Lang, resolveLang } from '../util/lang';
import { findEntry } from './map-entry';

interface CommonOptions {
  mapping: string;
  input: string;
  catalog?: string;
  lang?: string;
  duplicates: string;
}

type PreviewCliOptions = CommonOptions & { limit: string; sample: string; format: string };
type RunCliOptions = CommonOptions & { out: string; rejects?: string; format: string };

export function register(program: Command): void {
  const map = program.command('map').description('字段映射：预览与转换 / field mappings: preview and run');

  map
    .command('preview')
    .description(
      '预览映射结果：转换前后、拒绝原因、未覆盖代码、覆盖率 / before/after rows, rejects, uncovered codes, coverage',
    )
    .requiredOption('-m, --mapping <file>', '映射文件 / mapping file (*.mapping.yaml)')
    .requiredOption(
      '-i, --input <file>',
      '输入文件（- 为标准输入）/ input file (csv, ndjson, xlsx; - for stdin)',
    )
    .option('--limit <n>', '显示的行数 / rows shown', '20')
    .option('--sample <n>', '读取的行数（用于统计）/ rows read for the counts', '10000')
    .option('--format <format>', 'table | json | html', 'table')
    .option('--catalog <path>', '目录条目所在目录或文件 / catalogue directory or file')
    .option('--duplicates <policy>', duplicatesHelp, 'reject')
    .option('--lang <lang>', 'zh | en')
    .action(previewCommand);

  map
    .command('run')
    .description('转换整个文件（流式）/ transform a whole file, streaming')
    .requiredOption('-m, --mapping <file>', '映射文件 / mapping file')
    .requiredOption(
      '-i, --input <file>',
      '输入文件（- 为标准输入：无法预先扫描主键，重复主键保留首行、拒绝其后各行）/ input file (- for stdin: it cannot be pre-scanned, so a repeated key keeps its first row and later ones are rejected)',
    )
    .requiredOption('-o, --out <file>', '输出 NDJSON / output NDJSON')
    .option(
      '--rejects <file>',
      '被拒绝行的 NDJSON（默认与输出同名、扩展名为 .rejects.ndjson：records.ndjson → records.rejects.ndjson；目录不存在时自动创建）/ rejected rows NDJSON (default: the output with .rejects.ndjson, records.ndjson → records.rejects.ndjson; missing folders are made)',
    )
    .option('--format <format>', 'pretty | json', 'pretty')
    .option('--catalog <path>', '目录条目所在目录或文件 / catalogue directory or file')
    .option('--duplicates <policy>', duplicatesHelp, 'reject')
    .option('--lang <lang>', 'zh | en')
    .action(runCommand);
}

async function previewCommand(options: PreviewCliOptions): Promise<void> {
  const lang = resolveLang(options.lang);
  const how = previewFormat(options.format);
  const limit = positiveInt(options.limit, '--limit');
  const sampleRows = positiveInt(options.sample, '--sample');
  const duplicates = duplicatePolicy(options.duplicates);
  const timeZone = await configuredTimeZone();
  const prepared = prepare(options, lang, timeZone);
  const { view } = await previewMapping({
    mapping: prepared.parsed,
    mappingPath: prepared.shown,
    lang,
    entry: { entry: prepared.entry, path: relative(process.cwd(), prepared.entryPath) || prepared.entryPath },
    sample: { source: inputSource(options.input), path: options.input },
    sampleRows,
    limit,
    timeZone,
    duplicates,
  }).catch((error: unknown) => {
    if (error instanceof SourceError) throw new CliError(error.code, `${error.zh} / ${error.message}`);
    throw new CliError('io', `cannot read ${options.input}: ${(error as Error).message}`);
  });
  process.stdout.write(renderPreview(view, how));
  if (view.result?.diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
}

function previewFormat(format: string): PreviewFormat {
  if (format === 'html') return { format, nonce: randomBytes(16).toString('base64') };
  if (format === 'json') return { format };
  if (format === 'table') return { format: 'text' };
  throw new CliError('usage', `--format must be table, json or html (got ${format})`);
}

async function runCommand(options: RunCliOptions): Promise<void> {
  const lang = resolveLang(options.lang);
  if (!['pretty', 'json'].includes(options.format)) {
    throw new CliError('usage', `--format must be pretty or json (got ${options.format})`);
  }
  const duplicates: DuplicatePolicy = duplicatePolicy(options.duplicates);
  const { compiled } = prepare(options, lang, await configuredTimeZone());
  const rejects = options.rejects ?? options.out.replace(/(\.ndjson|\.jsonl)?$/, '.rejects.ndjson');
  let counts: RunMappingCounts;
  try {
    counts = await runMappingFile(compiled, {
      input: inputSource(options.input),
      output: options.out,
      rejects,
      duplicates,
    });
  } catch (error) {
    if (!(error instanceof MappingJobError)) throw error;
    const message = error.diagnostics.length
      ? error.diagnostics.map((d) => formatMappingDiagnostic(options.mapping, d, lang)).join('\n')
      : error.message;
    throw new CliError(error.code, message, 2);
  }
  const { durationMs, ...rest } = counts;
  const summary = {
    ...rest,
    input: options.input,
    output: options.out,
    rejects,
    mapping: options.mapping,
    durationMs,
  };
  process.stdout.write(
    options.format === 'json' ? `${JSON.stringify(summary)}\n` : runSummaryText(summary, lang),
  );
  if (summary.rejected > 0) process.exitCode = 1;
}

function runSummaryText(summary: RunMappingCounts & { output: string; rejects: string }, lang: Lang): string {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const lines = [
    `${t('读取', 'read')} ${summary.read}  ${t('接受', 'accepted')} ${summary.accepted}  ${t('拒绝', 'rejected')} ${summary.rejected}${summary.replaced ? `  ${t('被替代', 'replaced')} ${summary.replaced}` : ''}  ${t('警告', 'warnings')} ${summary.warnings}`,
  ];
  if (summary.duplicateScan === 'streaming')
    lines.push(
      t(
        '输入无法预先扫描主键：重复主键保留首行，其后各行被拒绝',
        'the input could not be pre-scanned for keys: a repeated key kept its first row, later ones were rejected',
      ),
    );
  for (const [rule, count] of Object.entries(summary.rejectsByRule)) lines.push(`  ${rule}: ${count}`);
  if (summary.uncovered.length > 0) {
    lines.push(`${t('未覆盖的代码值', 'values the codes do not cover')}:`);
    for (const u of summary.uncovered) lines.push(`  ${u.field} "${u.value}" × ${u.count}`);
  }
  lines.push(`${t('输出', 'output')}: ${summary.output}`, `${t('拒绝行', 'rejects')}: ${summary.rejects}`);
  return `${lines.join('\n')}\n`;
}

/** `-` is standard input (read once: it cannot be pre-scanned for duplicate keys). */
function inputSource(input: string): string | AsyncIterable<Uint8Array> {
  return input === '-' ? (process.stdin as AsyncIterable<Buffer>) : input;
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new CliError('usage', `${flag} must be a positive integer (got ${text})`);
  return n;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      'io',
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

interface Prepared {
  parsed: ReturnType<typeof parseMapping>;
  /** The mapping's path as printed: relative to the working directory. */
  shown: string;
  entry: TargetEntry;
  entryPath: string;
  compiled: CompiledMapping;
}

/**
 * Reads the mapping and its catalogue entry and compiles, "today" being the date in `timeZone`; diagnostics with
 * errors end the command (exit 2).
 */
function prepare(options: CommonOptions, lang: Lang, timeZone: string): Prepared {
  const parsed = parseMapping(readText(options.mapping, 'mapping'));
  const shown = relative(process.cwd(), options.mapping) || options.mapping;
  const fail = (diagnostics: MappingDiagnostic[]) =>
    new CliError(
      'mapping/invalid',
      diagnostics.map((d) => formatMappingDiagnostic(shown, d, lang)).join('\n'),
      2,
    );
  if (!parsed.mapping) throw fail(parsed.diagnostics);
  const { entry, path: entryPath } = findEntry(parsed.mapping.resource, options.catalog, options.mapping);
  const loaded = loadMapping(parsed, entry, { timeZone });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  // Warnings go to stderr; hints (info) are for the editor and the preview.
  for (const d of loaded.diagnostics.filter((x) => x.severity === 'warning'))
    process.stderr.write(`${formatMappingDiagnostic(shown, d, lang)}\n`);
  if (errors.length > 0 || !loaded.compiled) throw fail(errors);
  if (options.input !== '-' && !existsSync(options.input))
    throw new CliError('io', `input ${options.input} does not exist`);
  return { parsed, shown, entry, entryPath, compiled: loaded.compiled };
}
