import {
  type CheckResult,
  type ConformanceCredentials,
  type ConformanceReport,
  CredentialsError,
  credentialsFromSeed,
  readCredentialsFile,
  runConformance,
} from '@unsilo/sdk/conformance';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';

interface ConformanceOptions {
  baseUrl: string;
  seed?: string;
  credentials?: string;
  format: string;
}

function loadCredentials(options: ConformanceOptions): ConformanceCredentials {
  if (Boolean(options.seed) === Boolean(options.credentials)) {
    throw new CliError('usage', '需要 --seed 或 --credentials 之一 / give one of --seed or --credentials');
  }
  try {
    return options.seed ? credentialsFromSeed(options.seed) : readCredentialsFile(options.credentials!);
  } catch (error) {
    if (error instanceof CredentialsError) throw new CliError('conformance.credentials', error.message);
    throw error;
  }
}

const mark = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;
const line = (r: CheckResult) =>
  `${mark[r.outcome]}  ${r.id}  ${r.title.zh} / ${r.title.en}${r.reason ? `\n      ${r.reason}` : ''}`;

function printPretty(report: ConformanceReport): void {
  console.log(
    `\n${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${report.baseUrl})`,
  );
  if (report.unreached.length > 0) console.log(`operations not reached: ${report.unreached.join(', ')}`);
}

/** The first check is a token grant: if it cannot pass, the run could not start (exit 2). */
function couldNotRun(report: ConformanceReport): boolean {
  return report.results[0]?.id === 'auth/token-grant' && report.results[0].outcome === 'fail';
}

export function register(program: Command): void {
  program
    .command('conformance')
    .description('检验交换平台是否遵守接口契约 / check that an exchange keeps the contract')
    .requiredOption('--base-url <url>', '交换平台地址 / the exchange base URL')
    .option('--seed <file>', '沙箱种子文件 / a sandbox seed file')
    .option('--credentials <file>', '凭据 YAML / credentials YAML (role → clientId, clientSecret)')
    .option('--format <format>', 'pretty | json', 'pretty')
    .action(async (options: ConformanceOptions) => {
      if (options.format !== 'pretty' && options.format !== 'json') {
        throw new CliError('usage', `--format must be pretty or json (got ${options.format})`);
      }
      const credentials = loadCredentials(options);
      const pretty = options.format === 'pretty';
      const report = await runConformance({
        baseUrl: options.baseUrl,
        credentials,
        onResult: pretty ? (result) => console.log(line(result)) : undefined,
      });
      if (pretty) printPretty(report);
      else console.log(JSON.stringify(report, null, 2));
      if (couldNotRun(report)) {
        throw new CliError('conformance.unreachable', `could not run: ${report.results[0]?.reason}`);
      }
      if (report.failed > 0) process.exitCode = 1;
    });
}
