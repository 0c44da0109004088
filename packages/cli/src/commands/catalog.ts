import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { catalogStats, lintWorkspace, parseCatalogFile } from '@unsilo/sdk/catalog';
import { buildCatalogWorkbook, importCatalogWorkbook } from '@unsilo/sdk/catalog/workbook';
import type { Command } from 'commander';
import { renderReportHtml } from '../format/report-html';
import { CliError } from '../util/cli-error';
import { resolveLang } from '../util/lang';
import { collectCatalogFiles, loadLintConfig } from './lint';

export function register(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('目录填报模板与质量报告 / catalogue template and report');
  registerExport(catalog);
  registerImport(catalog);
  registerReport(catalog);
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
    .description('生成目录完整度报告（HTML）/ write the completeness dashboard (HTML)')
    .argument('<dir>', '目录条目所在目录 / catalogue directory')
    .requiredOption('--out <file>', '输出 HTML 文件 / output .html')
    .option('--config <file>', '配置文件 / config file')
    .option('--lang <lang>', 'zh | en')
    .action((dir: string, options: { out: string; config?: string; lang?: string }) => {
      const lang = resolveLang(options.lang);
      const root = requireDirectory(dir);
      const config = loadLintConfig(options.config ? resolve(options.config) : undefined, root);
      const files = collectCatalogFiles([root], root);
      const result = lintWorkspace(files, { config });
      const stats = catalogStats(files, result);
      const html = renderReportHtml(stats, { source: dir, generatedAt: new Date(), lang });
      const out = resolve(options.out);
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
