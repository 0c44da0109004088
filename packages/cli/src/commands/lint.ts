import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  applyFixesTelling,
  automaticFix,
  CONFIG_FILE,
  type Fix,
  type LintConfig,
  type LintResult,
  type SourceFile,
  Workspace,
} from '@unsilo/sdk/catalog';
import { readLintConfig, readWorkspaceSync, WorkspaceReadError } from '@unsilo/sdk/workspace';
import type { Command } from 'commander';
import { type FixEdit, formatFixEdits } from '../format/fix-report';
import { formatJson } from '../format/json';
import { formatPretty } from '../format/pretty';
import { formatSarif } from '../format/sarif';
import { useColor } from '../format/terminal';
import { CliError } from '../util/cli-error';
import { resolveLang } from '../util/lang';

const FORMATS = ['pretty', 'json', 'sarif'] as const;
/** ESLint stops after 10 passes too: fixes that keep producing new fixes must not loop forever. */
const MAX_FIX_PASSES = 10;

interface LintOptions {
  format: string;
  lang?: string;
  fix?: boolean;
  dryRun?: boolean;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('lint')
    .description('检查政务信息资源目录条目 / lint catalogue entries')
    .argument('[paths...]', '文件或目录（默认 .）/ files or directories (default .)')
    .option('--format <format>', 'pretty | json | sarif', 'pretty')
    .option('--lang <lang>', 'zh | en')
    .option(
      '--fix',
      '自动修复不会改变含义的问题，并列出每处修改 / apply the fixes that cannot change the meaning, listing each edit',
    )
    .option('--dry-run', '与 --fix 同用：只列出修改，不写文件 / with --fix: list the edits, write nothing')
    .option('--config <file>', `配置文件（默认 ./${CONFIG_FILE}）/ config file (default ./${CONFIG_FILE})`)
    .action((paths: string[], options: LintOptions) => {
      const lang = resolveLang(options.lang);
      if (!(FORMATS as readonly string[]).includes(options.format)) {
        throw new CliError('usage', `--format must be pretty, json or sarif (got ${options.format})`);
      }
      if (options.dryRun && !options.fix) {
        throw new CliError('usage', '--dry-run 须与 --fix 同用 / --dry-run goes with --fix');
      }
      const cwd = process.cwd();
      const config = loadLintConfig(options.config, cwd);
      const files = collectCatalogFiles(paths.length ? paths : ['.'], cwd);
      if (files.length === 0) throw nothingToCheck(paths.length ? paths : ['.']);
      const workspace = new Workspace({ config });
      for (const file of files) workspace.update(file.path, file.text);
      let result = workspace.lint();
      let texts = new Map(files.map((file) => [file.path, file.text]));
      if (options.fix) {
        const fixed = fixAll(files, workspace, result);
        const write = !options.dryRun;
        if (write) {
          writeChanged(fixed.changed, cwd);
          result = fixed.result;
          texts = new Map([...texts, ...fixed.changed]);
        }
        // Machines read the report on stdout: the edits go to stderr for them.
        const stream = options.format === 'pretty' ? process.stdout : process.stderr;
        stream.write(formatFixEdits(fixed.edits, { lang, written: write }));
      }
      const output =
        options.format === 'json'
          ? formatJson(result.diagnostics, result.summary, lang)
          : options.format === 'sarif'
            ? formatSarif(result.diagnostics, lang, program.version() ?? '0.0.0')
            : formatPretty(result.diagnostics, result.summary, {
                lang,
                color: useColor(process.stdout),
                readText: (file) => texts.get(file),
              });
      process.stdout.write(output);
      process.exitCode = result.summary.errors > 0 ? 1 : 0;
    });
}

/** Reads `--config`, else `unsilo.config.yaml` in the working directory; a broken config is a usage error (exit 2). */
export function loadLintConfig(path: string | undefined, cwd: string): LintConfig {
  const file = path ? resolve(cwd, path) : join(cwd, CONFIG_FILE);
  const read = readOrFail(() => readLintConfig(file));
  if (!read) {
    if (path) throw new CliError('config.not_found', `配置文件不存在 / config file not found: ${path}`);
    return {};
  }
  if (read.problems.length > 0) {
    const shown = read.problems
      .map(
        (p) =>
          `${relative(cwd, p.file ?? file)}:${p.range.start.line}:${p.range.start.column} ${p.message.zh} / ${p.message.en}`,
      )
      .join('\n  ');
    throw new CliError('config.invalid', `配置文件有误 / invalid config:\n  ${shown}`);
  }
  return read.config;
}

/**
 * The catalogue files under the given paths, found as every host finds them (`@unsilo/sdk/workspace`): files
 * named explicitly are always linted; in directories, every `*.yaml`/`*.yml` that declares
 * `apiVersion: unsilo/v1` and `kind: InformationResource`. Paths come back relative to the working directory,
 * with `/` separators.
 */
export function collectCatalogFiles(paths: readonly string[], cwd: string): SourceFile[] {
  const { entries } = readOrFail(() => readWorkspaceSync(paths, cwd));
  return entries.map(({ path, text }) => ({ path, text }));
}

/** No catalogue entry under the paths: a wrong folder, most often, which a silent exit 0 would hide. */
function nothingToCheck(paths: readonly string[]): CliError {
  const where = paths.join(', ');
  return new CliError(
    'lint.nothing_to_check',
    `${where} 下没有目录条目（含 apiVersion: unsilo/v1 与 kind: InformationResource 的 *.yaml），无可检查 / ` +
      `nothing to check: no catalogue entry (a *.yaml with apiVersion: unsilo/v1 and kind: InformationResource) under ${where}`,
  );
}

/** Runs a read of the disk; what cannot be read is an I/O error (exit 2) with a bilingual message. */
function readOrFail<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof WorkspaceReadError)) throw error;
    const zh = { missing: '路径不存在', directory: '无法读取目录', file: '无法读取文件' }[error.problem];
    throw new CliError('io', `${zh} / ${error.message}`);
  }
}

/**
 * Applies the automatic fix of every diagnostic that has one (suggestions are left to the user), re-lints what
 * changed, and repeats until nothing changes. Works on copies: the caller writes `changed` or not.
 */
function fixAll(
  files: readonly SourceFile[],
  workspace: Workspace,
  first: LintResult,
): { result: LintResult; changed: Map<string, string>; edits: FixEdit[] } {
  let result = first;
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const changed = new Map<string, string>();
  const edits: FixEdit[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const byFile = new Map<string, Array<{ fix: Fix; rule: string }>>();
    for (const diagnostic of result.diagnostics) {
      const fix = automaticFix(diagnostic);
      if (!fix) continue;
      const list = byFile.get(diagnostic.file) ?? [];
      list.push({ fix, rule: diagnostic.rule });
      byFile.set(diagnostic.file, list);
    }
    let progressed = false;
    for (const [path, fixes] of byFile) {
      const before = texts.get(path);
      if (before === undefined) continue;
      const { text, taken } = applyFixesTelling(
        before,
        fixes.map(({ fix }) => fix),
      );
      if (text === before) continue;
      edits.push(...describeEdits(path, before, taken, fixes));
      texts.set(path, text);
      changed.set(path, text);
      workspace.update(path, text);
      progressed = true;
    }
    if (!progressed) break;
    result = workspace.lint();
  }
  return { result, changed, edits };
}

/** The edits of the fixes taken on one file, as `file:line rule: before → after`. */
function describeEdits(
  file: string,
  text: string,
  taken: readonly Fix[],
  offered: ReadonlyArray<{ fix: Fix; rule: string }>,
): FixEdit[] {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const ruleOf = new Map(offered.map(({ fix, rule }) => [fix, rule]));
  return taken.flatMap((fix) =>
    fix.edits.map((edit) => ({
      file,
      line: lineOf(edit.offset),
      rule: ruleOf.get(fix) ?? '',
      before: text.slice(edit.offset, edit.offset + edit.length),
      after: edit.newText,
    })),
  );
}

function writeChanged(changed: ReadonlyMap<string, string>, cwd: string): void {
  for (const [path, text] of changed) {
    try {
      writeFileSync(resolve(cwd, path), text);
    } catch (error) {
      throw new CliError('io', `无法写入 / cannot write ${path}: ${(error as Error).message}`);
    }
  }
}
