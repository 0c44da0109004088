import { type IdentifierCheck, validateIdcard, validateOrgcode, validateUscc } from '@unsilo/sdk/identifiers';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { configuredTimeZone } from '../util/config-time-zone';
import { type Lang, resolveLang } from '../util/lang';

/** What a check may need besides the value: the city's time zone, for "today". */
interface CheckContext {
  timeZone(): Promise<string>;
}

/** One entry per identifier kind: adding a kind (e.g. `idcard`) is one line here. */
export const checkers: Record<
  string,
  {
    zh: string;
    en: string;
    validate: (value: string, context: CheckContext) => IdentifierCheck | Promise<IdentifierCheck>;
  }
> = {
  uscc: {
    zh: '统一社会信用代码（GB 32100）',
    en: 'unified social credit code (GB 32100)',
    validate: validateUscc,
  },
  orgcode: { zh: '组织机构代码（GB 11714）', en: 'organisation code (GB 11714)', validate: validateOrgcode },
  idcard: {
    zh: '公民身份号码（GB 11643）',
    en: 'citizen ID number (GB 11643)',
    validate: async (value, context) => validateIdcard(value, new Date(), await context.timeZone()),
  },
};

interface CheckOptions {
  format: string;
  lang?: string;
}

export function register(program: Command): void {
  program
    .command('check')
    .description('校验标识符 / validate identifiers')
    .argument('<kind>', Object.keys(checkers).join(' | '))
    .argument('<values...>', '要校验的值 / values to validate')
    .option('--format <format>', 'text | json', 'text')
    .option('--lang <lang>', 'zh | en')
    .action(async (kind: string, values: string[], options: CheckOptions) => {
      const checker = checkers[kind];
      if (!checker) {
        throw new CliError(
          'usage',
          `未知类型 / unknown kind "${kind}" (${Object.keys(checkers).join(', ')})`,
        );
      }
      if (options.format !== 'text' && options.format !== 'json') {
        throw new CliError('usage', `--format must be text or json (got ${options.format})`);
      }
      const context = { timeZone: once(configuredTimeZone) };
      const results = [];
      for (const value of values) results.push({ value, ...(await checker.validate(value, context)) });
      const lang = resolveLang(options.lang);
      process.stdout.write(
        options.format === 'json' ? `${JSON.stringify(results)}\n` : formatText(results, lang),
      );
      // A doubt (a warning) is a finding too: exit 1, as for an invalid value.
      process.exitCode = results.every((result) => result.valid && !result.warnings) ? 0 : 1;
    });
}

function once<T>(get: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= get();
    return value;
  };
}

function formatText(results: Array<IdentifierCheck & { value: string }>, lang: Lang): string {
  return results
    .flatMap((result) => {
      if (!result.valid) {
        const reason = result.reason ? `${result.reason[lang]} [${result.reason.code}]` : '';
        return [`✖ ${result.value}  ${reason}`];
      }
      const normalized = result.normalized !== result.value ? ` → ${result.normalized}` : '';
      if (!result.warnings) return [`✔ ${result.value}${normalized}`];
      return result.warnings.map((w) => `⚠ ${result.value}${normalized}  ${w[lang]} [${w.code}]`);
    })
    .map((line) => `${line}\n`)
    .join('');
}
