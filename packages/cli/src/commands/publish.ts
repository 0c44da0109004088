import { resolve } from 'node:path';
import { parseConfig } from '@unsilo/sdk/catalog';
import {
  clientFromSettings,
  type PlanItem,
  PublishError,
  type PublishResult,
  publishCatalog,
  resolveExchangeSettings,
} from '@unsilo/sdk/sync';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { type Lang, resolveLang } from '../util/lang';
import { toCliError } from './sync';

interface PublishFlags {
  dryRun?: boolean;
  format: string;
  exchange?: string;
  lang?: string;
}

export function register(program: Command): void {
  program
    .command('publish')
    .description('校验并发布目录到交换平台 / lint, plan and publish the catalogue to the exchange')
    .argument('<dir>', '目录条目所在目录 / the catalogue directory')
    .option('--dry-run', '只显示计划，不做任何修改 / show the plan, change nothing')
    .option('--format <format>', 'pretty | json', 'pretty')
    .option(
      '--exchange <url>',
      '交换平台地址 / exchange URL (else UNSILO_EXCHANGE_URL or unsilo.config.yaml)',
    )
    .option('--lang <lang>', 'zh | en')
    .action(async (dir: string, flags: PublishFlags) => {
      const lang = resolveLang(flags.lang);
      try {
        process.exitCode = await runPublish(dir, flags, lang);
      } catch (error) {
        throw toCliError(error, lang);
      }
    });
}

async function runPublish(dir: string, flags: PublishFlags, lang: Lang): Promise<number> {
  const settings = await resolveExchangeSettings({ flag: flags.exchange, from: resolve(dir) });
  const lint = settings.configText ? parseConfig(settings.configText).config : undefined;
  const client = clientFromSettings(settings);
  let result: PublishResult;
  try {
    result = await publishCatalog({ dir, client, dryRun: flags.dryRun === true, ...(lint ? { lint } : {}) });
  } catch (error) {
    if (error instanceof PublishError && error.code === 'publish.lint_failed') {
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify({ error: error.code, diagnostics: error.diagnostics })}\n`);
      } else {
        for (const d of error.diagnostics) {
          process.stderr.write(
            `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.rule} ${d.message[lang]}\n`,
          );
        }
      }
      throw new CliError(error.code, lang === 'zh' ? error.zh : error.message, 1);
    }
    throw error;
  }

  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(`${render(result, lang)}\n`);
  }
  return result.conflicts.length > 0 || result.failures.length > 0 ? 1 : 0;
}

const SIGN: Record<PlanItem['action'], string> = {
  create: '+',
  change: '~',
  unchanged: '=',
  withdraw: '-',
  blocked: '!',
};

function render(result: PublishResult, lang: Lang): string {
  const zh = lang === 'zh';
  const { plan } = result;
  const out: string[] = [];
  out.push(
    zh
      ? `${result.provider.name}（${result.provider.code}）${result.dryRun ? '发布计划（未做修改）' : '发布'}：新建 ${plan.counts.create}，修改 ${plan.counts.change}，未变 ${plan.counts.unchanged}，撤销 ${plan.counts.withdraw}${plan.counts.blocked ? `，受阻 ${plan.counts.blocked}` : ''}`
      : `${result.provider.name} (${result.provider.code}) ${result.dryRun ? 'plan (dry run, nothing changed)' : 'publish'}: create ${plan.counts.create}, change ${plan.counts.change}, unchanged ${plan.counts.unchanged}, withdraw ${plan.counts.withdraw}${plan.counts.blocked ? `, blocked ${plan.counts.blocked}` : ''}`,
  );
  for (const item of plan.items) {
    if (item.action === 'unchanged' && item.transitions.length === 0) continue;
    const steps = item.transitions.length > 0 ? ` → ${item.transitions.join(' → ')}` : '';
    out.push(`  ${SIGN[item.action]} ${item.code} ${item.name}${steps}`);
    if (item.action === 'change') {
      for (const change of item.changes) {
        out.push(`      ${change.path}: ${show(change.before)} → ${show(change.after)}`);
      }
    }
    if (item.action === 'blocked') out.push(`      ${zh ? item.zh : item.reason}`);
  }
  if (plan.empty) out.push(zh ? '  无需任何修改。' : '  Nothing to do.');
  for (const conflict of result.conflicts) out.push(`  ! ${zh ? conflict.zh : conflict.message}`);
  for (const failure of result.failures) out.push(`  ! ${failure.code} ${failure.step}: ${failure.error}`);
  if (result.awaitingAuthority.length > 0) {
    out.push(
      zh
        ? `  待大数据局注册/发布：${result.awaitingAuthority.join(', ')}`
        : `  Awaiting the authority to register/publish: ${result.awaitingAuthority.join(', ')}`,
    );
  }
  for (const skipped of result.skippedFiles) out.push(`  · ${skipped.file}: ${skipped.reason}`);
  const warnings = result.diagnostics.length;
  if (warnings > 0)
    out.push(
      zh
        ? `  校验提示 ${warnings} 条（见 unsilo lint）`
        : `  ${warnings} lint warning(s)/info(s) (see unsilo lint)`,
    );
  return out.join('\n');
}

function show(value: unknown): string {
  if (value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
