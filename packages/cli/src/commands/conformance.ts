import {
  type CheckResult,
  CodeRangeError,
  type ConformanceCredentials,
  type ConformanceReport,
  CredentialsError,
  credentialsFromSeed,
  DEFAULT_CODE_RANGE,
  parseCodeRange,
  readCredentialsFile,
  runConformance,
} from '@unsilo/sdk/conformance';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';

interface ConformanceOptions {
  baseUrl: string;
  seed?: string;
  credentials?: string;
  codeRange: string;
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
  for (const left of report.created) {
    const state = left.withdrawn
      ? '已撤销 / withdrawn'
      : `未撤销 / NOT withdrawn: ${left.reason ?? left.status}`;
    console.log(`filed ${left.code}: ${state}`);
  }
}

function codeRangeOf(text: string) {
  try {
    return parseCodeRange(text);
  } catch (error) {
    if (error instanceof CodeRangeError) throw new CliError('usage', error.message);
    throw error;
  }
}

export function register(program: Command): void {
  program
    .command('conformance')
    .description('检验交换平台是否遵守接口契约 / check that an exchange keeps the contract')
    .requiredOption('--base-url <url>', '交换平台地址 / the exchange base URL')
    .option('--seed <file>', '沙箱种子文件 / a sandbox seed file')
    .option('--credentials <file>', '凭据 YAML / credentials YAML (role → clientId, clientSecret)')
    .option(
      '--code-range <range>',
      '可创建的资源代码范围 / resource codes the run may file: CLASSIFICATION/FROM-TO',
      DEFAULT_CODE_RANGE,
    )
    .option('--format <format>', 'pretty | json', 'pretty')
    .action(async (options: ConformanceOptions) => {
      if (options.format !== 'pretty' && options.format !== 'json') {
        throw new CliError('usage', `--format must be pretty or json (got ${options.format})`);
      }
      const credentials = loadCredentials(options);
      const codeRange = codeRangeOf(options.codeRange);
      const pretty = options.format === 'pretty';
      const report = await runConformance({
        baseUrl: options.baseUrl,
        credentials,
        codeRange,
        onResult: pretty ? (result) => console.log(line(result)) : undefined,
      });
      if (pretty) printPretty(report);
      else console.log(JSON.stringify(report, null, 2));
      if (report.couldNotRun !== undefined) {
        throw new CliError('conformance.unreachable', `无法运行 / could not run: ${report.couldNotRun}`);
      }
      if (report.failed > 0) process.exitCode = 1;
    });
}
