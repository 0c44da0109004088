import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  applyFixes,
  CONFIG_FILE,
  type Diagnostic,
  type LintConfig,
  type LintResult,
  type SourceFile,
  Workspace,
} from '@unsilo/sdk/catalog';
import { readLintConfig, readWorkspaceSync, WorkspaceReadError } from '@unsilo/sdk/workspace';
import type { Command } from 'commander';
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
  config?: string;
}

export function register(program: Command): void {
  program
    .command('lint')
    .description('检查政务信息资源目录条目 / lint catalogue entries')
    .argument('[paths...]', '文件或目录（默认 .）/ files or directories (default .)')
    .option('--format <format>', 'pretty | json | sarif', 'pretty')
    .option('--lang <lang>', 'zh | en')
    .option('--fix', '自动修复可修复的问题 / apply the fixes rules offer')
    .option('--config <file>', `配置文件（默认 ./${CONFIG_FILE}）/ config file (default ./${CONFIG_FILE})`)
    .action((paths: string[], options: LintOptions) => {
      const lang = resolveLang(options.lang);
      if (!(FORMATS as readonly string[]).includes(options.format)) {
        throw new CliError('usage', `--format must be pretty, json or sarif (got ${options.format})`);
      }
      const cwd = process.cwd();
      const config = loadLintConfig(options.config, cwd);
      const files = collectCatalogFiles(paths.length ? paths : ['.'], cwd);
      const workspace = new Workspace({ config });
      for (const file of files) workspace.update(file.path, file.text);
      const result = options.fix ? fixAll(files, workspace, cwd) : workspace.lint();
      const texts = new Map(files.map((file) => [file.path, file.text]));
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
          `${relative(cwd, file)}:${p.range.start.line}:${p.range.start.column} ${p.message.zh} / ${p.message.en}`,
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

/** Applies the first fix of every fixable diagnostic, re-lints what changed, and repeats until nothing changes. */
function fixAll(files: SourceFile[], workspace: Workspace, cwd: string): LintResult {
  let result = workspace.lint();
  const changed = new Set<string>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.fixes.length === 0) continue;
      const list = byFile.get(diagnostic.file) ?? [];
      list.push(diagnostic);
      byFile.set(diagnostic.file, list);
    }
    let progressed = false;
    for (const file of files) {
      const diagnostics = byFile.get(file.path);
      if (!diagnostics) continue;
      const text = applyFixes(
        file.text,
        diagnostics.map((d) => d.fixes[0]!),
      );
      if (text !== file.text) {
        file.text = text;
        workspace.update(file.path, text);
        changed.add(file.path);
        progressed = true;
      }
    }
    if (!progressed) break;
    result = workspace.lint();
  }
  for (const file of files) {
    if (!changed.has(file.path)) continue;
    const target = resolve(cwd, file.path);
    try {
      writeFileSync(target, file.text);
    } catch (error) {
      throw new CliError('io', `无法写入 / cannot write ${file.path}: ${(error as Error).message}`);
    }
  }
  return result;
}
