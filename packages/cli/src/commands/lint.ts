import { type Dirent, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import {
  applyFixes,
  type Diagnostic,
  isCatalogEntryText,
  type LintConfig,
  type LintResult,
  lintWorkspace,
  parseConfig,
  type SourceFile,
} from '@unsilo/sdk/catalog';
import type { Command } from 'commander';
import { formatJson } from '../format/json';
import { formatPretty } from '../format/pretty';
import { formatSarif } from '../format/sarif';
import { useColor } from '../format/terminal';
import { CliError } from '../util/cli-error';
import { resolveLang } from '../util/lang';

const FORMATS = ['pretty', 'json', 'sarif'] as const;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', '.artifacts']);
/** ESLint stops after 10 passes too: fixes that keep producing new fixes must not loop forever. */
const MAX_FIX_PASSES = 10;
export const CONFIG_FILE = 'unsilo.config.yaml';

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
      let result = lintWorkspace(files, { config });
      if (options.fix) result = fixAll(files, config, result, cwd);
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
  if (!existsSync(file)) {
    if (path) throw new CliError('config.not_found', `配置文件不存在 / config file not found: ${path}`);
    return {};
  }
  const { config, problems } = parseConfig(readFileSync(file, 'utf8'));
  if (problems.length > 0) {
    const shown = problems
      .map(
        (p) =>
          `${relative(cwd, file)}:${p.range.start.line}:${p.range.start.column} ${p.message.zh} / ${p.message.en}`,
      )
      .join('\n  ');
    throw new CliError('config.invalid', `配置文件有误 / invalid config:\n  ${shown}`);
  }
  return config;
}

/**
 * The catalogue files under the given paths: files named explicitly are always linted; in directories,
 * every `*.yaml`/`*.yml` that declares `apiVersion: unsilo/v1` and `kind: InformationResource`.
 * Paths come back relative to the working directory, with `/` separators.
 */
export function collectCatalogFiles(paths: readonly string[], cwd: string): SourceFile[] {
  const files: SourceFile[] = [];
  const seen = new Set<string>();
  const add = (absolute: string, text: string, shown?: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ path: shown ?? (relative(cwd, absolute).split(sep).join('/') || absolute), text });
  };
  /** `shown` is the directory relative to the working directory, `/`-separated ('' for the directory itself). */
  const walk = (directory: string, shown: string) => {
    let entries: Dirent[];
    try {
      // Entry types come with the listing: no stat per file, except to follow a symbolic link.
      entries = readdirSync(directory, { withFileTypes: true }).sort(byName);
    } catch (error) {
      throw new CliError(
        'io',
        `无法读取目录 / cannot read directory ${directory}: ${(error as Error).message}`,
      );
    }
    for (const entry of entries) {
      const name = entry.name;
      if (SKIPPED_DIRECTORIES.has(name)) continue;
      const path = join(directory, name);
      const shownPath = shown ? `${shown}/${name}` : name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (!isDirectory && !isFile) {
        const stat = statSync(path, { throwIfNoEntry: false });
        isDirectory = stat?.isDirectory() ?? false;
        isFile = stat?.isFile() ?? false;
      }
      if (isDirectory) walk(path, shownPath);
      else if (isFile && /\.ya?ml$/i.test(name) && name !== CONFIG_FILE) {
        const text = readText(path);
        if (isCatalogEntryText(text)) add(path, text, shownPath);
      }
    }
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (!stat) throw new CliError('io', `路径不存在 / no such file or directory: ${path}`);
    if (stat.isDirectory()) walk(absolute, relative(cwd, absolute).split(sep).join('/'));
    else add(absolute, readText(absolute));
  }
  return files;
}

/** Code-unit order, as `Array#sort` orders the names alone. */
function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function readText(path: string): string {
  try {
    // A UTF-8 byte order mark is not part of the YAML.
    const text = readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    throw new CliError('io', `无法读取文件 / cannot read ${path}: ${(error as Error).message}`);
  }
}

/** Applies the first fix of every fixable diagnostic, re-lints, and repeats until nothing changes. */
function fixAll(files: SourceFile[], config: LintConfig, first: LintResult, cwd: string): LintResult {
  let result = first;
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
        changed.add(file.path);
        progressed = true;
      }
    }
    if (!progressed) break;
    result = lintWorkspace(files, { config });
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
