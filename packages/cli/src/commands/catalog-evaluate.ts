import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  type CatalogStats,
  CONFIG_FILE,
  catalogStats,
  type Department,
  type LocalizedText,
  lintWorkspace,
} from '@unsilo/sdk/catalog';
import {
  catalogDepartments,
  collectExchangeFigures,
  type Evaluation,
  type ParsedEvaluationConfig,
  parseEvaluationConfig,
  scoreDepartments,
} from '@unsilo/sdk/evaluation';
import type { Command } from 'commander';
import { formatEvaluationText } from '../format/evaluation-text';
import { CliError } from '../util/cli-error';
import { exchangeSettingsHelp } from '../util/exchange-help';
import { type Lang, resolveLang } from '../util/lang';
import { loadGovernance } from './catalog-governance';
import { collectCatalogFiles, loadLintConfig } from './lint';

export interface EvaluationInput {
  /** The catalogue folder (absolute). */
  root: string;
  stats: CatalogStats;
  /** `--config`, else `unsilo.config.yaml` in the folder. */
  configPath?: string;
  /** `--exchange` (true: the configured exchange) or `--exchange URL`; absent: the catalogue alone. */
  exchange?: string | boolean;
  roster?: readonly Department[];
  lang: Lang;
}

export interface EvaluationResult {
  evaluation: Evaluation;
  /** What the scores could not take into account, for every department. */
  notes: LocalizedText[];
}

const NOT_MEASURED: LocalizedText = {
  zh: '“—”表示未测得，该项不计入总分，其余指标的权重按比例放大。',
  en: '"—" is not measured: left out of the score, the other weights scaled up in proportion.',
};

/** The `evaluation:` section of the config the catalogue is read with; a broken one is a usage error (exit 2). */
export function readEvaluationConfig(configPath: string | undefined, root: string): ParsedEvaluationConfig {
  const file = configPath ? resolve(configPath) : join(root, CONFIG_FILE);
  if (!existsSync(file)) return { weights: {}, targets: {}, present: false, problems: [] };
  const parsed = parseEvaluationConfig(readFileSync(file, 'utf8'));
  if (parsed.problems.length > 0) {
    const shown = parsed.problems
      .map(
        (p) =>
          `${relative(process.cwd(), file)}:${p.range.start.line}:${p.range.start.column} ${p.message.zh} / ${p.message.en}`,
      )
      .join('\n  ');
    throw new CliError('config.invalid', `配置文件有误 / invalid config:\n  ${shown}`);
  }
  return parsed;
}

/** Scores the departments: the catalogue's figures, and the exchange's when asked. */
export async function evaluateCatalog(
  input: EvaluationInput,
  config = readEvaluationConfig(input.configPath, input.root),
): Promise<EvaluationResult> {
  const departments = catalogDepartments(input.stats, input.roster);
  const notes: LocalizedText[] = [NOT_MEASURED];
  if (input.exchange !== undefined && input.exchange !== false) {
    // Loaded only here: a catalogue-only run needs neither the client nor the sync module.
    const [{ clientFromSettings, resolveExchangeSettings }, { toCliError }] = await Promise.all([
      import('@unsilo/sdk/sync'),
      import('./sync'),
    ]);
    try {
      const settings = await resolveExchangeSettings({
        ...(typeof input.exchange === 'string' ? { flag: input.exchange } : {}),
        from: input.root,
      });
      const keyed = departments.map((d, i) => ({ key: String(i), resourceCodes: d.resourceCodes }));
      const collected = await collectExchangeFigures(clientFromSettings(settings), keyed);
      departments.forEach((d, i) => {
        d.figures.exchange = collected.figures.get(String(i));
      });
      notes.push(...collected.notes);
    } catch (error) {
      throw toCliError(error, input.lang);
    }
  }
  return {
    evaluation: scoreDepartments(
      departments.map((d) => d.figures),
      config.weights,
      config.targets,
    ),
    notes,
  };
}

/**
 * The report's evaluation: with `--exchange`, or when the config has an `evaluation:` section (a city that set
 * weights wants to see the scores); otherwise undefined, and the report stays as it was.
 */
export async function reportEvaluation(input: EvaluationInput): Promise<EvaluationResult | undefined> {
  const config = readEvaluationConfig(input.configPath, input.root);
  const asked = input.exchange !== undefined && input.exchange !== false;
  if (!asked && !config.present) return undefined;
  return evaluateCatalog(input, config);
}

interface EvaluateFlags {
  config?: string;
  roster?: string;
  exchange?: string | boolean;
  format: string;
  lang?: string;
}

export function registerEvaluate(catalog: Command): void {
  catalog
    .command('evaluate')
    .description(
      '按部门考核评分（JSON 供大屏，或表格）/ score each department (JSON for the dashboard, or a table)',
    )
    .argument('<dir>', '目录条目所在目录 / catalogue directory')
    .option(
      '--config <file>',
      '配置文件（evaluation: 权重与目标）/ config file (evaluation: weights, targets)',
    )
    .option(
      '--roster <file>',
      "部门名册，代替配置中的 departments / roster file, instead of the config's departments",
    )
    .option(
      '--exchange [url]',
      '同时采用交换平台的质量、共享申请与冲突数据 / also use the exchange’s quality, share-request and conflict figures',
    )
    .option('--format <format>', 'json | text', 'text')
    .option('--lang <lang>', 'zh | en')
    .addHelpText('after', exchangeSettingsHelp)
    .action(async (dir: string, flags: EvaluateFlags) => {
      const lang = resolveLang(flags.lang);
      if (flags.format !== 'json' && flags.format !== 'text')
        throw new CliError(
          'usage',
          `--format 只能是 json 或 text / --format must be json or text: ${flags.format}`,
        );
      const root = resolve(dir);
      const config = loadLintConfig(flags.config ? resolve(flags.config) : undefined, root);
      const files = collectCatalogFiles([root], root);
      const stats = catalogStats(files, lintWorkspace(files, { config }));
      const { departments: roster } = loadGovernance(root, flags.config, flags.roster);
      const { evaluation, notes } = await evaluateCatalog({
        root,
        stats,
        ...(roster ? { roster } : {}),
        ...(flags.config ? { configPath: flags.config } : {}),
        ...(flags.exchange !== undefined ? { exchange: flags.exchange } : {}),
        lang,
      });
      process.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify({ ...evaluation, notes }, null, 2)}\n`
          : formatEvaluationText(evaluation, notes, lang),
      );
    });
}
