import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type ComplianceReport,
  complianceReportHtml,
  formatComplianceSummary,
  type RunningComplianceProxy,
  startComplianceProxy,
} from '@unsilo/sdk/compliance';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { type Lang, resolveLang } from '../util/lang';

interface ProxyOptions {
  check?: boolean;
  target: string;
  port: string;
  host: string;
  report: string;
  lang?: string;
}

const text = {
  checkRequired: {
    zh: '目前只有检查模式：请加 --check',
    en: '--check is required (the only mode for now)',
  },
  badPort: { zh: '--port 须为 0 到 65535 的整数', en: '--port must be an integer from 0 to 65535' },
  badTarget: { zh: '--target 须为 http(s) 地址', en: '--target must be an http(s) URL' },
  listening: { zh: '合规代理已启动', en: 'Compliance proxy listening on' },
  forwarding: { zh: '转发至', en: 'forwarding to' },
  stop: { zh: '按 Ctrl+C 停止并写出报告', en: 'Press Ctrl+C to stop and write the report' },
  commandFailed: { zh: '命令未成功结束', en: 'The command did not succeed' },
  commandNotStarted: { zh: '命令无法启动', en: 'The command could not start' },
  written: { zh: '报告已写入', en: 'Report written to' },
  writeFailed: { zh: '无法写入报告', en: 'Cannot write the report' },
} as const;

const t = (lang: Lang, key: keyof typeof text) => text[key][lang];

export function register(program: Command): void {
  program
    .command('proxy')
    .description(
      '检查应用的请求是否符合接口规范（合规代理）/ check an application against the contract, as a proxy',
    )
    .argument(
      '[command...]',
      '在代理下运行的命令（写在 -- 之后）/ a command to run under the proxy (after --)',
    )
    .option('--check', '检查模式（必填，目前唯一的模式）/ check mode (required; the only mode for now)')
    .requiredOption('--target <url>', '目标交换平台地址 / the exchange to forward to')
    .option('--port <port>', '代理端口 / port of the proxy (0 picks a free one)', '0')
    .option('--host <host>', '代理监听地址 / address the proxy listens on', '127.0.0.1')
    .option(
      '--report <prefix>',
      '报告文件前缀（写 .json 与 .html）/ report files prefix (.json and .html)',
      'unsilo-compliance',
    )
    .option('--lang <lang>', '提示语言 / message language: zh | en')
    .addHelpText(
      'after',
      '\n例 / Example:\n  unsilo proxy --check --target http://127.0.0.1:7300 -- npm run example:vendor\n' +
        '应用从环境变量 UNSILO_BASE_URL 得到代理地址；不带命令时运行到 Ctrl+C。\n' +
        'The command gets the proxy URL in UNSILO_BASE_URL; without a command the proxy runs until Ctrl+C.\n' +
        '退出码 / Exit: 0 clean, 1 error findings or the command failed, 2 usage or I/O error.',
    )
    .action(async (command: string[], options: ProxyOptions) => {
      const lang = resolveLang(options.lang);
      const proxy = await startProxy(options, lang);
      const out = process.stdout;
      out.write(`${t(lang, 'listening')} ${proxy.url} — ${t(lang, 'forwarding')} ${options.target}\n`);
      let commandOk = true;
      if (command.length > 0) commandOk = await runCommand(command, proxy.url, lang);
      else {
        out.write(`${t(lang, 'stop')}\n`);
        await untilInterrupted();
      }
      const report = proxy.report();
      await proxy.close();
      await writeReport(options.report, report, lang);
      out.write(`${formatComplianceSummary(report, lang)}\n`);
      if (report.errors > 0 || !commandOk) process.exitCode = 1;
    });
}

async function startProxy(options: ProxyOptions, lang: Lang): Promise<RunningComplianceProxy> {
  if (!options.check) throw new CliError('usage', t(lang, 'checkRequired'));
  const port = Number(options.port);
  if (!/^\d{1,5}$/.test(options.port) || port > 65535) throw new CliError('usage', t(lang, 'badPort'));
  if (!/^https?:\/\/[^/]/i.test(options.target) || !URL.canParse(options.target)) {
    throw new CliError('usage', t(lang, 'badTarget'));
  }
  return startComplianceProxy({ target: options.target, port, host: options.host });
}

/** Runs the command with UNSILO_BASE_URL pointing at the proxy; true when it exits with 0. */
function runCommand(command: string[], proxyUrl: string, lang: Lang): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(command[0]!, command.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, UNSILO_BASE_URL: proxyUrl },
      // npm and npx are .cmd files on Windows, which only a shell starts.
      shell: process.platform === 'win32',
    });
    // Ctrl+C reaches the command too; the proxy waits for it to end, then writes the report.
    const pass = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', pass);
    process.on('SIGTERM', pass);
    const finish = (ok: boolean) => {
      process.off('SIGINT', pass);
      process.off('SIGTERM', pass);
      if (!ok) process.stderr.write(`${t(lang, 'commandFailed')}\n`);
      done(ok);
    };
    child.on('error', () => {
      process.stderr.write(`${t(lang, 'commandNotStarted')}: ${command[0]}\n`);
      finish(false);
    });
    child.on('exit', (code) => finish(code === 0));
  });
}

function untilInterrupted(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function writeReport(prefix: string, report: ComplianceReport, lang: Lang): Promise<void> {
  const json = resolve(`${prefix}.json`);
  const html = resolve(`${prefix}.html`);
  try {
    await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(html, complianceReportHtml(report));
  } catch (error) {
    throw new CliError('io', `${t(lang, 'writeFailed')}: ${(error as Error).message}`);
  }
  process.stdout.write(`${t(lang, 'written')} ${json}, ${html}\n`);
}
