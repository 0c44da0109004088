import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import {
  catalogFindings,
  catalogStats,
  governanceReport,
  lintWorkspace,
  parseCatalogFile,
} from '@unsilo/sdk/catalog';
import { buildCatalogWorkbook, importCatalogWorkbook } from '@unsilo/sdk/catalog/workbook';
import type { Command } from 'commander';
import { renderEvaluationSection } from '../format/report-evaluation';
import { renderGovernanceSections } from '../format/report-governance-html';
import { renderReportHtml } from '../format/report-html';
import { CliError } from '../util/cli-error';
import { resolveLang } from '../util/lang';
import { registerEvaluate, reportEvaluation } from './catalog-evaluate';
import {
  checkReportOptions,
  loadGovernance,
  type ReportOptions,
  registerGate,
  writeReportJson,
} from './catalog-governance';
import { collectCatalogFiles, loadLintConfig } from './lint';

export function register(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('目录填报模板与质量报告 / catalogue template and report');
  registerExport(catalog);
  registerImport(catalog);
  registerReport(catalog);
  registerGate(catalog);
  registerEvaluate(catalog);
}

function registerExport(catalog: Command): void {
  catalog
    .command('export')
    .description('把目录条目导出为填报模板 XLSX / write the catalogue as the national template spreadsheet')
    .argument('<dir>', '目录条目所在目录 / catalogue directory')
    .requiredOption('--out <file>', '输出 XLSX 文件 / output .xlsx')
    .action(async (dir: string, options: { out: string }) => {
      const root = requireDirectory(dir);
      const files = collectCatalogFiles([root], root);
      const entries = [];
      const broken: string[] = [];
      for (const file of files) {
        const parsed = parseCatalogFile(file.path, file.text);
        if (parsed.entry) entries.push({ file: file.path, entry: parsed.entry });
        else broken.push(file.path);
      }
      if (broken.length > 0) {
        throw new CliError(
          'catalog.unparsable',
          `以下文件不是有效的 YAML，请先运行 unsilo lint 修正 / these files are not valid YAML, run unsilo lint first: ${broken.join(', ')}`,
          1,
        );
      }
      const out = resolve(options.out);
      mkdirSync(dirname(out), { recursive: true });
      try {
        await (await buildCatalogWorkbook(entries)).xlsx.writeFile(out);
      } catch (error) {
        throw new CliError('io', `无法写入 / cannot write ${options.out}: ${(error as Error).message}`);
      }
      const rows = entries.reduce(
        (n, { entry }) => n + Math.max(1, Array.isArray(entry.items) ? entry.items.length : 0),
        0,
      );
      process.stderr.write(
        `已导出 ${entries.length} 个资源（${rows} 行）/ exported ${entries.length} resources (${rows} rows) → ${options.out}\n`,
      );
    });
}

function registerImport(catalog: Command): void {
  catalog
    .command('import')
    .description('把填报模板 XLSX 导入为目录条目 YAML / read the template spreadsheet into YAML files')
    .argument('<file>', '填报模板 XLSX / template .xlsx')
    .requiredOption('--out <dir>', '输出目录 / output directory')
    .option('--lang <lang>', 'zh | en')
    .option('--format <format>', 'text | json', 'text')
    .action(async (file: string, options: { out: string; lang?: string; format: string }) => {
      const lang = resolveLang(options.lang);
      let data: Buffer;
      try {
        data = readFileSync(resolve(file));
      } catch (error) {
        throw new CliError('io', `无法读取 / cannot read ${file}: ${(error as Error).message}`);
      }
      const { entries, errors } = await importCatalogWorkbook(new Uint8Array(data));
      const out = resolve(options.out);
      const written: string[] = [];
      for (const entry of entries) {
        const target = resolve(out, entry.file);
        if (!target.startsWith(out + sep)) continue;
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, entry.text);
        written.push(relative(process.cwd(), target).split(sep).join('/'));
      }
      if (options.format === 'json') {
        process.stdout.write(
          `${JSON.stringify({ written, errors: errors.map((e) => ({ ...e, message: e.message[lang] })) })}\n`,
        );
      } else {
        for (const error of errors) {
          const where = error.column ? `${file}:${error.row}:${error.column}` : `${file}:${error.row}`;
          process.stderr.write(`✖ ${where} ${error.message[lang]} [${error.code}]\n`);
        }
        process.stderr.write(
          lang === 'zh'
            ? `已导入 ${written.length} 个资源到 ${options.out}${errors.length ? `，${errors.length} 处错误` : ''}\n`
            : `imported ${written.length} resources into ${options.out}${errors.length ? `, ${errors.length} error(s)` : ''}\n`,
        );
      }
      process.exitCode = errors.length > 0 ? 1 : 0;
    });
}

function registerReport(catalog: Command): void {
  catalog
    .command('report')
    .description('生成目录完整度报告（HTML 或 JSON）/ write the completeness dashboard (HTML or JSON)')
    .argument('<dir>', '目录条目所在目录 / catalogue directory')
    .option(
      '--out <file>',
      '输出文件（HTML 必填；JSON 省略时写到标准输出）/ output file (required for html; json goes to stdout without it)',
    )
    .option('--config <file>', '配置文件 / config file')
    .option(
      '--roster <file>',
      "部门名册（departments: [{ name, code }]），代替配置中的 departments / roster file, instead of the config's departments",
    )
    .option('--format <format>', 'html | json', 'html')
    .option(
      '--exchange [url]',
      '加入考核评价，采用交换平台的数据 / add the evaluation, with the exchange’s figures',
    )
    .option('--lang <lang>', 'zh | en')
    .action(async (dir: string, options: ReportOptions) => {
      const lang = resolveLang(options.lang);
      checkReportOptions(options);
      const root = requireDirectory(dir);
      const config = loadLintConfig(options.config ? resolve(options.config) : undefined, root);
      const files = collectCatalogFiles([root], root);
      const result = lintWorkspace(files, { config });
      const stats = catalogStats(files, result);
      const governance = loadGovernance(root, options.config, options.roster);
      const figures = governanceReport(files, stats, governance);
      // What to fix, and what first: the same list for the page and the JSON.
      const findings = catalogFindings(files, result, stats, { config, root });
      const evaluated = await reportEvaluation({
        root,
        stats,
        configPath: options.config,
        exchange: options.exchange,
        roster: governance.departments,
        lang,
      });
      if (options.format === 'json') {
        const evaluation = evaluated && { ...evaluated.evaluation, notes: evaluated.notes };
        writeReportJson(
          { source: dir, generatedAt: new Date(), stats, findings, governance: figures, evaluation },
          options.out,
        );
        return;
      }
      const html = renderReportHtml(stats, {
        source: dir,
        generatedAt: new Date(),
        lang,
        evaluation: evaluated && renderEvaluationSection(evaluated.evaluation, evaluated.notes, lang),
        governance: renderGovernanceSections(figures, lang),
        findings,
      });
      const out = resolve(options.out!);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, html);
      process.stderr.write(
        lang === 'zh'
          ? `报告已生成：${options.out}（${stats.resources} 个资源，${stats.providers.length} 个提供部门）\n`
          : `report written: ${options.out} (${stats.resources} resources, ${stats.providers.length} providers)\n`,
      );
    });
}

function requireDirectory(dir: string): string {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new CliError('io', `目录不存在 / no such directory: ${dir}`);
  }
  return root;
}
