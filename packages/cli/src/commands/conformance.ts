import {
  CodeRangeError,
  type ConformanceCredentials,
  CredentialsError,
  conformanceFormatters,
  credentialsFromSeed,
  DEFAULT_CODE_RANGE,
  formatProgressLine,
  isConformanceFormat,
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
    .option('--format <format>', '输出格式 / output: pretty | json | junit', 'pretty')
    .action(async (options: ConformanceOptions) => {
      const format = options.format;
      if (!isConformanceFormat(format)) {
        throw new CliError(
          'usage',
          `--format 只能是 pretty、json 或 junit / --format must be pretty, json or junit (got ${format})`,
        );
      }
      const credentials = loadCredentials(options);
      const codeRange = codeRangeOf(options.codeRange);
      const report = await runConformance({
        baseUrl: options.baseUrl,
        credentials,
        codeRange,
        // Pretty shows each check as it finishes; json and junit print one document at the end.
        onResult: format === 'pretty' ? (result) => console.log(formatProgressLine(result)) : undefined,
      });
      if (format === 'pretty') console.log('');
      console.log(conformanceFormatters[format](report));
      if (report.couldNotRun !== undefined) {
        throw new CliError('conformance.unreachable', `无法运行 / could not run: ${report.couldNotRun}`);
      }
      if (report.failed > 0) process.exitCode = 1;
    });
}
