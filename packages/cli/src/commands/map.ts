import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { parseCatalogFile } from '@unsilo/sdk/catalog';
import {
  type CompiledMapping,
  type FieldMapping,
  loadMapping,
  type MappingDiagnostic,
  type PreviewResult,
  parseMapping,
  preview,
  type RowIssue,
  type SourceRow,
  type TargetEntry,
} from '@unsilo/sdk/mapping';
import {
  isReject,
  pumpSource,
  type ReaderOptions,
  readSourceBatches,
  type SourceItem,
} from '@unsilo/sdk/sync';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { type Lang, resolveLang } from '../util/lang';
import { LineWriter } from './map-line-writer';

interface CommonOptions {
  mapping: string;
  input: string;
  catalog?: string;
  lang?: string;
}

export function register(program: Command): void {
  const map = program.command('map').description('字段映射：预览与转换 / field mappings: preview and run');

  map
    .command('preview')
    .description(
      '预览映射结果：转换前后、拒绝原因、未覆盖代码、覆盖率 / before/after rows, rejects, uncovered codes, coverage',
    )
    .requiredOption('-m, --mapping <file>', '映射文件 / mapping file (*.mapping.yaml)')
    .requiredOption('-i, --input <file>', '输入文件 / input file (csv, ndjson, xlsx)')
    .option('--limit <n>', '显示的行数 / rows shown', '20')
    .option('--sample <n>', '读取的行数（用于统计）/ rows read for the counts', '10000')
    .option('--format <format>', 'table | json | html', 'table')
    .option('--catalog <path>', '目录条目所在目录或文件 / catalogue directory or file')
    .option('--lang <lang>', 'zh | en')
    .action(async (options: CommonOptions & { limit: string; sample: string; format: string }) => {
      const lang = resolveLang(options.lang);
      const format = options.format;
      if (!['table', 'json', 'html'].includes(format)) {
        throw new CliError('usage', `--format must be table, json or html (got ${format})`);
      }
      const limit = positiveInt(options.limit, '--limit');
      const sample = positiveInt(options.sample, '--sample');
      const { text, mapping, entry } = prepare(options, lang);
      const rows: SourceRow[] = [];
      for await (const batch of readBatches(options.input, mapping)) {
        for (const item of batch) {
          if (!isReject(item)) rows.push(item);
          else rows.push({ row: item.row, values: {} });
        }
        if (rows.length >= sample) break;
      }
      const result = preview(text, entry, rows.slice(0, sample), { limit });
      const out =
        format === 'json'
          ? `${JSON.stringify(result, null, 2)}\n`
          : format === 'html'
            ? previewHtml(result, options, entry, lang)
            : previewTable(result, options, lang);
      process.stdout.write(out);
      if (result.diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
    });

  map
    .command('run')
    .description('转换整个文件（流式）/ transform a whole file, streaming')
    .requiredOption('-m, --mapping <file>', '映射文件 / mapping file')
    .requiredOption('-i, --input <file>', '输入文件 / input file')
    .requiredOption('-o, --out <file>', '输出 NDJSON / output NDJSON')
    .option(
      '--rejects <file>',
      '被拒绝行的 NDJSON（默认 OUT.rejects.ndjson）/ rejected rows NDJSON (default OUT.rejects.ndjson)',
    )
    .option('--format <format>', 'pretty | json', 'pretty')
    .option('--catalog <path>', '目录条目所在目录或文件 / catalogue directory or file')
    .option('--lang <lang>', 'zh | en')
    .action(async (options: CommonOptions & { out: string; rejects?: string; format: string }) => {
      const lang = resolveLang(options.lang);
      if (!['pretty', 'json'].includes(options.format)) {
        throw new CliError('usage', `--format must be pretty or json (got ${options.format})`);
      }
      const { mapping, compiled } = prepare(options, lang);
      if (!compiled) throw new CliError('internal', 'mapping did not compile');
      const rejectsPath = options.rejects ?? options.out.replace(/(\.ndjson|\.jsonl)?$/, '.rejects.ndjson');
      const summary = await runMapping(
        options.input,
        mapping,
        compiled,
        options.out,
        rejectsPath,
        options.mapping,
        lang,
      );
      if (options.format === 'json') {
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      } else {
        const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
        process.stdout.write(
          `${t('读取', 'read')} ${summary.read}  ${t('接受', 'accepted')} ${summary.accepted}  ${t('拒绝', 'rejected')} ${summary.rejected}  ${t('警告', 'warnings')} ${summary.warnings}\n`,
        );
        for (const [rule, count] of Object.entries(summary.rejectsByRule))
          process.stdout.write(`  ${rule}: ${count}\n`);
        if (summary.uncovered.length > 0) {
          process.stdout.write(`${t('未覆盖的代码值', 'values the codes do not cover')}:\n`);
          for (const u of summary.uncovered) process.stdout.write(`  ${u.field} "${u.value}" × ${u.count}\n`);
        }
        process.stdout.write(
          `${t('输出', 'output')}: ${summary.output}\n${t('拒绝行', 'rejects')}: ${summary.rejects}\n`,
        );
      }
      if (summary.rejected > 0) process.exitCode = 1;
    });
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

function formatDiagnostic(file: string, d: MappingDiagnostic, lang: Lang): string {
  const at = d.range ? `:${d.range.start.line}:${d.range.start.column}` : '';
  return `${file}${at} ${d.severity} ${d.code} ${lang === 'zh' ? d.zh : d.message}`;
}

/** Reads the mapping and its catalogue entry and compiles; diagnostics with errors end the command (exit 2). */
function prepare(
  options: CommonOptions,
  lang: Lang,
): { text: string; mapping: FieldMapping; entry: TargetEntry; compiled?: CompiledMapping } {
  const text = readText(options.mapping, 'mapping');
  const parsed = parseMapping(text);
  const shown = relative(process.cwd(), options.mapping) || options.mapping;
  if (!parsed.mapping) {
    throw new CliError(
      'mapping/invalid',
      parsed.diagnostics.map((d) => formatDiagnostic(shown, d, lang)).join('\n'),
      2,
    );
  }
  const entry = findEntry(parsed.mapping.resource, options.catalog, options.mapping);
  const loaded = loadMapping(text, entry);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  for (const d of loaded.diagnostics.filter((x) => x.severity !== 'error'))
    process.stderr.write(`${formatDiagnostic(shown, d, lang)}\n`);
  if (errors.length > 0) {
    throw new CliError('mapping/invalid', errors.map((d) => formatDiagnostic(shown, d, lang)).join('\n'), 2);
  }
  if (!existsSync(options.input)) throw new CliError('io', `input ${options.input} does not exist`);
  return { text, mapping: parsed.mapping, entry, compiled: loaded.compiled };
}

/** The catalogue entry whose code is the mapping's resource: `--catalog`, else `catalog/` beside the mapping or above it, else in the cwd. */
export function findEntry(resource: string, catalog: string | undefined, mappingPath: string): TargetEntry {
  const candidates = catalog
    ? [resolve(catalog)]
    : [...catalogDirsAbove(dirname(resolve(mappingPath))), join(process.cwd(), 'catalog')];
  const searched: string[] = [];
  for (const place of candidates) {
    if (!existsSync(place)) continue;
    searched.push(place);
    const files = statSync(place).isDirectory() ? yamlFiles(place) : [place];
    for (const file of files) {
      const parsed = parseCatalogFile(file, readFileSync(file, 'utf8'));
      const entry = parsed.entry as Partial<TargetEntry> | undefined;
      if (entry && String(entry.code) === resource) {
        return {
          ...entry,
          code: resource,
          items: Array.isArray(entry.items) ? entry.items : [],
        } as TargetEntry;
      }
    }
  }
  throw new CliError(
    'mapping/entry-not-found',
    `no catalogue entry with code ${resource} in ${searched.length ? searched.join(', ') : candidates.join(', ')} (use --catalog DIR|FILE) / 找不到代码为 ${resource} 的目录条目`,
    2,
  );
}

/** `catalog/` in the mapping's folder and in each folder above it. */
function catalogDirsAbove(start: string): string[] {
  const out: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    out.push(join(dir, 'catalog'));
    if (dirname(dir) === dir) return out;
  }
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (['.yaml', '.yml'].includes(extname(name)) && !name.includes('.mapping.')) out.push(path);
  }
  return out;
}

function readerOptions(mapping: FieldMapping): ReaderOptions {
  const source = mapping.source;
  return { encoding: source.encoding, delimiter: source.delimiter, sheet: source.sheet };
}

function readBatches(input: string, mapping: FieldMapping): AsyncGenerator<SourceItem[]> {
  return readSourceBatches(input, mapping.source.format, readerOptions(mapping));
}

export interface RunSummary {
  read: number;
  accepted: number;
  rejected: number;
  warnings: number;
  rejectsByRule: Record<string, number>;
  uncovered: Array<{ field: string; value: string; count: number }>;
  input: string;
  output: string;
  rejects: string;
  mapping: string;
  durationMs: number;
}

/** Streams the input through the compiled mapping into OUT (NDJSON) and REJECTS, waiting on backpressure. */
async function runMapping(
  input: string,
  mapping: FieldMapping,
  compiled: CompiledMapping,
  outPath: string,
  rejectsPath: string,
  mappingPath: string,
  lang: Lang,
): Promise<RunSummary> {
  const started = performance.now();
  const out = createWriteStream(outPath);
  const rejects = createWriteStream(rejectsPath);
  const outLines = new LineWriter(out);
  const rejectLines = new LineWriter(rejects);
  // Errors surface through the line writers (flush, end); the listeners keep them from being unhandled meanwhile.
  out.on('error', () => {});
  rejects.on('error', () => {});
  const summary: RunSummary = {
    read: 0,
    accepted: 0,
    rejected: 0,
    warnings: 0,
    rejectsByRule: {},
    uncovered: [],
    input,
    output: outPath,
    rejects: rejectsPath,
    mapping: mappingPath,
    durationMs: 0,
  };
  const uncovered = new Map<string, { field: string; value: string; count: number }>();
  const countRules = (errors: RowIssue[]) => {
    let last = '';
    for (const e of errors) {
      if (e.rule !== last) summary.rejectsByRule[e.rule] = (summary.rejectsByRule[e.rule] ?? 0) + 1;
      last = e.rule;
      if (e.rule === 'codes') {
        const key = `${e.field}\u0000${e.value}`;
        const u = uncovered.get(key);
        if (u) u.count++;
        else uncovered.set(key, { field: e.field, value: e.value, count: 1 });
      }
    }
  };
  let headerChecked = false;
  const take = (item: SourceItem): void => {
    summary.read++;
    if (isReject(item)) {
      summary.rejected++;
      countRules([item.error]);
      rejectLines.line(JSON.stringify({ row: item.row, line: item.line, errors: [item.error] }));
      return;
    }
    if (!headerChecked) {
      headerChecked = true;
      const missing = compiled.checkColumns(Object.keys(item.values));
      if (missing.length > 0) {
        throw new CliError(
          'mapping/unknown-column',
          missing.map((d) => formatDiagnostic(mappingPath, d, lang)).join('\n'),
          2,
        );
      }
    }
    const outcome = compiled.mapRow(item.values, item.row);
    if (outcome.warnings) summary.warnings += outcome.warnings.length;
    if (outcome.errors) {
      summary.rejected++;
      countRules(outcome.errors);
      rejectLines.line(JSON.stringify({ row: item.row, errors: outcome.errors, source: item.values }));
    } else {
      summary.accepted++;
      outLines.record(compiled, outcome.record!);
    }
  };
  const flush = async (): Promise<void> => {
    await outLines.flush();
    await rejectLines.flush();
  };
  try {
    // Each row is mapped and written the moment it is parsed, while its strings are still in the CPU's caches.
    await pumpSource(input, mapping.source.format, readerOptions(mapping), { push: take }, flush);
  } catch (error) {
    out.destroy();
    rejects.destroy();
    if (error instanceof CliError) throw error;
    throw new CliError('io', `cannot read ${input}: ${(error as Error).message}`);
  }
  try {
    await Promise.all([outLines.end(), rejectLines.end()]);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('io', `cannot write: ${(error as Error).message}`);
  }
  summary.uncovered = [...uncovered.values()].sort((a, b) => b.count - a.count);
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

function previewTable(result: PreviewResult, options: CommonOptions, lang: Lang): string {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const lines: string[] = [];
  const shown = relative(process.cwd(), options.mapping) || options.mapping;
  for (const d of result.diagnostics) lines.push(formatDiagnostic(shown, d, lang));
  const s = result.summary;
  lines.push(
    `${t('读取', 'read')} ${s.read}  ${t('接受', 'accepted')} ${s.accepted}  ${t('拒绝', 'rejected')} ${s.rejected}  ${t('警告', 'warnings')} ${s.warnings}`,
  );
  if (result.coverage) {
    const c = result.coverage;
    lines.push(`${t('覆盖率', 'coverage')} ${c.mapped}/${c.total}`);
    if (c.unmappedKeys.length)
      lines.push(`  ${t('未映射的主键', 'key items not mapped')}: ${c.unmappedKeys.join(', ')}`);
    if (c.unmappedRequired.length)
      lines.push(`  ${t('未映射的必填项', 'required items not mapped')}: ${c.unmappedRequired.join(', ')}`);
    const rest = c.items.filter((i) => !i.mapped).map((i) => i.key);
    if (rest.length) lines.push(`  ${t('未映射', 'not mapped')}: ${rest.join(', ')}`);
  }
  if (result.uncovered.length) {
    lines.push(t('未覆盖的代码值：', 'values the codes do not cover:'));
    for (const u of result.uncovered)
      lines.push(`  ${u.field} "${u.value}" × ${u.count}  (${t('行', 'rows')} ${u.rows.join(', ')})`);
  }
  for (const r of result.rows) {
    lines.push('');
    lines.push(`${t('行', 'row')} ${r.row}  ${r.errors ? `✗ ${t('拒绝', 'rejected')}` : '✓'}`);
    for (const [k, v] of Object.entries(r.after ?? {}))
      if (v !== undefined) lines.push(`  ${k} = ${JSON.stringify(v)}`);
    for (const e of r.errors ?? [])
      lines.push(
        `  ✗ ${e.field} [${e.rule}] ${JSON.stringify(e.value)}: ${lang === 'zh' ? e.zh : e.message}`,
      );
    for (const w of r.warnings ?? [])
      lines.push(
        `  ! ${w.field} [${w.rule}] ${JSON.stringify(w.value)}: ${lang === 'zh' ? w.zh : w.message}`,
      );
    lines.push(`  ${t('原值', 'source')}: ${JSON.stringify(r.before)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function previewHtml(result: PreviewResult, options: CommonOptions, entry: TargetEntry, lang: Lang): string {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const e = escapeHtml;
  const columns = result.sourceColumns;
  const fields = (entry.items ?? [])
    .map((i) => i.key)
    .filter(
      (k) =>
        result.rows.some((r) => r.after && k in r.after) ||
        result.coverage?.items.find((i) => i.key === k)?.mapped,
    );
  const s = result.summary;
  const rows = result.rows
    .map((r) => {
      const before = columns.map((c) => `<td>${e(r.before[c] ?? '')}</td>`).join('');
      const after = fields.map((f) => `<td>${e(r.after?.[f] ?? '')}</td>`).join('');
      const issues = [...(r.errors ?? []), ...(r.warnings ?? [])]
        .map(
          (i) =>
            `<div class="${r.errors?.includes(i) ? 'err' : 'warn'}">${e(i.field)} [${e(i.rule)}] ${e(i.value)} — ${e(lang === 'zh' ? i.zh : i.message)}</div>`,
        )
        .join('');
      return `<tr class="${r.errors ? 'rejected' : 'ok'}"><th>${r.row}</th>${before}<td class="sep">→</td>${after}<td>${issues}</td></tr>`;
    })
    .join('\n');
  const uncovered = result.uncovered
    .map((u) => `<li>${e(u.field)} “${e(u.value)}” × ${u.count}</li>`)
    .join('');
  const diagnostics = result.diagnostics
    .map((d) => `<li class="${e(d.severity)}">${e(d.code)} ${e(lang === 'zh' ? d.zh : d.message)}</li>`)
    .join('');
  const coverage = result.coverage
    ? `${result.coverage.mapped}/${result.coverage.total}${result.coverage.unmappedKeys.length ? ` — ${t('未映射的主键', 'key items not mapped')}: ${e(result.coverage.unmappedKeys.join(', '))}` : ''}`
    : '';
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(t('映射预览', 'Mapping preview'))} — ${e(options.mapping)}</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
tr.rejected{background:#fff0f0}.err{color:#b00}.warn{color:#a60}.sep{color:#888}.error{color:#b00}</style></head>
<body><h1>${e(t('映射预览', 'Mapping preview'))}</h1>
<p>${e(options.mapping)} · ${e(options.input)} · ${e(entry.code)} ${e(entry.name ?? '')}</p>
<p>${t('读取', 'read')} ${s.read} · ${t('接受', 'accepted')} ${s.accepted} · ${t('拒绝', 'rejected')} ${s.rejected} · ${t('警告', 'warnings')} ${s.warnings} · ${t('覆盖率', 'coverage')} ${coverage}</p>
${diagnostics ? `<ul>${diagnostics}</ul>` : ''}
${uncovered ? `<h2>${t('未覆盖的代码值', 'Values the codes do not cover')}</h2><ul>${uncovered}</ul>` : ''}
<table><thead><tr><th>#</th>${columns.map((c) => `<th>${e(c)}</th>`).join('')}<th></th>${fields.map((f) => `<th>${e(f)}</th>`).join('')}<th>${t('问题', 'Issues')}</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
