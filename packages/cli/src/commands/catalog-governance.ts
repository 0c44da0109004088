import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  CONFIG_FILE,
  catalogStats,
  entryFacts,
  type GateResult,
  type Governance,
  lintWorkspace,
  parseProject,
  projectGate,
} from '@unsilo/sdk/catalog';
import { type GovernanceProblem, readGovernance } from '@unsilo/sdk/workspace';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { type Lang, resolveLang } from '../util/lang';
import { collectCatalogFiles, loadLintConfig } from './lint';

/**
 * The city's lists for a catalogue folder: those of `--config` (else the folder's unsilo.config.yaml), the
 * roster replaced by `--roster FILE`. A list that cannot be read or is malformed is a usage error (exit 2).
 */
export function loadGovernance(root: string, configPath?: string, roster?: string): Governance {
  const config = configPath ? resolve(configPath) : join(root, CONFIG_FILE);
  const { governance, problems } = readGovernance(config, roster ? { roster } : {});
  if (problems.length > 0) throw invalidLists(problems);
  return governance;
}

function invalidLists(problems: readonly GovernanceProblem[]): CliError {
  const shown = problems
    .map(
      (p) =>
        `${relative(process.cwd(), p.file)}:${p.range.start.line}:${p.range.start.column} ${p.message.zh} / ${p.message.en} [${p.code}]`,
    )
    .join('\n  ');
  return new CliError('config.invalid', `名册或清单有误 / invalid roster or list:\n  ${shown}`);
}

interface GateOptions {
  project: string;
  config?: string;
  format: string;
  lang?: string;
}

export function registerGate(catalog: Command): void {
  catalog
    .command('gate')
    .description(
      '项目审批/验收把关：项目所涉信息系统须有完整、无错误的目录条目 / project gate: every system of the project has complete, error-free entries',
    )
    .argument('<dir>', '目录条目所在目录 / catalogue directory')
    .requiredOption('--project <file>', '项目文件（name、systems）/ project file (name, systems)')
    .option('--config <file>', '配置文件（含 systems 登记表）/ config file (with the systems registry)')
    .option('--format <format>', 'text | json', 'text')
    .option('--lang <lang>', 'zh | en')
    .action((dir: string, options: GateOptions) => {
      const lang = resolveLang(options.lang);
      if (options.format !== 'text' && options.format !== 'json')
        throw new CliError(
          'usage',
          `--format 只能是 text 或 json / --format must be text or json (got ${options.format})`,
        );
      const root = resolve(dir);
      const project = readProject(options.project);
      const governance = loadGovernance(root, options.config);
      if (!governance.systems)
        throw new CliError(
          'gate.no_registry',
          '未配置信息系统登记表（unsilo.config.yaml 的 systems）/ no systems registry configured (systems of unsilo.config.yaml)',
        );
      const config = loadLintConfig(options.config ? resolve(options.config) : undefined, root);
      const files = collectCatalogFiles([root], root);
      const stats = catalogStats(files, lintWorkspace(files, { config }));
      const result = projectGate(project, governance.systems, entryFacts(files), stats);
      process.stdout.write(options.format === 'json' ? gateJson(result, lang) : gateText(result, lang));
      process.exitCode = result.passed ? 0 : 1;
    });
}

function readProject(path: string): Parameters<typeof projectGate>[0] {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw new CliError(
      'io',
      `无法读取 / cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const { project, problems } = parseProject(text);
  if (!project || problems.length > 0)
    throw invalidLists(problems.map((problem) => ({ ...problem, file: resolve(path) })));
  return project;
}

function gateJson(result: GateResult, lang: Lang): string {
  const findings = result.findings.map(({ message, ...finding }) => ({ ...finding, message: message[lang] }));
  return `${JSON.stringify({ ...result, findings }, null, 2)}\n`;
}

function gateText(result: GateResult, lang: Lang): string {
  const lines = result.findings.map((finding) => `✖ ${finding.message[lang]} [${finding.code}]`);
  const systems = result.systems.map((s) => s.id).join(', ');
  if (result.passed)
    lines.push(
      lang === 'zh'
        ? `✓ 项目「${result.project}」通过：信息系统 ${systems} 的目录条目完整且无错误`
        : `✓ project "${result.project}" passes: the entries of ${systems} are complete and error-free`,
    );
  else
    lines.push(
      lang === 'zh'
        ? `项目「${result.project}」未通过：${result.findings.length} 项待补正`
        : `project "${result.project}" does not pass: ${result.findings.length} thing(s) to put right`,
    );
  return `${lines.join('\n')}\n`;
}

export interface ReportOptions {
  out?: string;
  config?: string;
  roster?: string;
  format: string;
  exchange?: string | boolean;
  lang?: string;
}

/** `--format html|json`; the HTML page needs `--out`, JSON goes to stdout without it. */
export function checkReportOptions(options: ReportOptions): void {
  if (options.format !== 'html' && options.format !== 'json')
    throw new CliError(
      'usage',
      `--format 只能是 html 或 json / --format must be html or json (got ${options.format})`,
    );
  if (options.format === 'html' && !options.out)
    throw new CliError('usage', 'HTML 报告须用 --out 指定输出文件 / the HTML report needs --out <file>');
}

/**
 * The report as JSON for the city's dashboard: the catalogue's figures (`stats`, as the HTML page shows them),
 * the findings to fix and what to fix first (`findings`, the page's lists), and the governance figures
 * (`governance`: roster, systems, matters — each when its list is configured).
 */
export function writeReportJson(
  report: { source: string; generatedAt: Date } & Record<string, unknown>,
  out?: string,
): void {
  const text = `${JSON.stringify({ ...report, generatedAt: report.generatedAt.toISOString() }, null, 2)}\n`;
  if (!out) {
    process.stdout.write(text);
    return;
  }
  const path = resolve(out);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new CliError('io', `无法写入 / cannot write ${out}: ${(error as Error).message}`);
  }
  process.stderr.write(`报告已生成 / report written: ${out}\n`);
}
