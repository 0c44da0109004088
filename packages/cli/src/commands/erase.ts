import { readFileSync } from 'node:fs';
import type { Erasure } from '@unsilo/sdk/schemas';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { assertTextOrJson, onExchange } from '../util/exchange-call';
import { withExchangeOptions } from '../util/exchange-help';
import { type Lang, resolveLang, say } from '../util/lang';

interface EraseFlags {
  reason: string;
  resource: string[];
  yes?: boolean;
  format: string;
  exchange?: string;
  lang?: string;
}

/** Longest subject the contract takes (an ID number, a credit code). */
const maxSubject = 128;

export function register(program: Command): void {
  withExchangeOptions(
    program
      .command('erase')
      .description(
        '删除数据主体的个人信息（大数据局）：先列出计划，加 --yes 才删除 / erase a data subject (the authority): shows the plan; --yes erases',
      )
      .argument(
        '<subject>',
        '主体标识（记录主键中的值，如身份证号）；- 从标准输入读取 / the subject: a value of a record key (an ID number); - reads it from stdin',
      )
      .requiredOption('--reason <text>', '删除依据，记入审计 / why (recorded in the audit log)')
      .option(
        '--resource <code>',
        '只在该资源中查找（可重复）；缺省为全部资源 / look only in this resource (repeatable); default every resource',
        (code: string, codes: string[]) => [...codes, code],
        [] as string[],
      )
      .option('--yes', '确认删除（不可撤销）/ erase for real (cannot be undone)'),
  )
    .addHelpText(
      'after',
      '\n主体从标准输入读取（-）可避免身份证号留在命令历史中 / reading the subject from stdin (-) keeps the ID number out of the shell history.',
    )
    .action(async (subjectArgument: string, flags: EraseFlags) => {
      const lang = resolveLang(flags.lang);
      assertTextOrJson(flags.format);
      const subject = subjectOf(subjectArgument, lang);
      const erasure = await onExchange(
        flags,
        lang,
        async (client) =>
          (
            await client.retention.erase({
              subject,
              reason: flags.reason,
              ...(flags.resource.length > 0 ? { resources: flags.resource } : {}),
              dryRun: flags.yes !== true,
            })
          ).data,
      );
      process.stdout.write(
        flags.format === 'json' ? `${JSON.stringify(erasure)}\n` : `${describeErasure(erasure, lang)}\n`,
      );
    });
}

/** The subject as given, or the first line of stdin for `-`; trimmed, never empty or over the contract's limit. */
function subjectOf(argument: string, lang: Lang): string {
  const subject = (argument === '-' ? readFileSync(0, 'utf8').split(/\r?\n/, 1)[0]! : argument).trim();
  if (subject === '' || subject.length > maxSubject) {
    throw new CliError(
      'usage',
      say(
        lang,
        `the subject must be 1 to ${maxSubject} characters`,
        `主体标识须为 1 至 ${maxSubject} 个字符`,
      ),
    );
  }
  return subject;
}

/** The plan or the outcome, one line per resource, then what to do next (the subject itself is never printed). */
export function describeErasure(erasure: Erasure, lang: Lang): string {
  const lines = erasure.resources.map(
    (r) =>
      `  ${r.resource}  ${say(lang, `records ${r.records} · versions ${r.versions}`, `当前记录 ${r.records} · 历史版本 ${r.versions}`)}`,
  );
  const total = say(
    lang,
    `${erasure.records} records, ${erasure.versions} versions in ${erasure.resources.length} resources`,
    `共 ${erasure.resources.length} 个资源，当前记录 ${erasure.records} 条，历史版本 ${erasure.versions} 个`,
  );
  if (erasure.dryRun) {
    return [
      say(lang, `Plan (nothing erased): ${total}`, `删除计划（尚未删除）：${total}`),
      ...lines,
      erasure.resources.length > 0
        ? say(lang, 'Run again with --yes to erase them.', '确认无误后加 --yes 再次运行以删除。')
        : say(lang, 'The exchange holds nothing of this subject.', '交换平台中没有该主体的数据。'),
    ].join('\n');
  }
  return [
    say(lang, `Erased: ${total}`, `已删除：${total}`),
    ...lines,
    say(
      lang,
      `Each erased key has a delete in the change feed, so followers erase it too. Audit: erasure.run, subject digest ${erasure.subjectDigest}.`,
      `每个被删除的主键在变更流中留有删除记录，订阅方随之删除。审计：erasure.run，主体摘要 ${erasure.subjectDigest}。`,
    ),
  ].join('\n');
}
