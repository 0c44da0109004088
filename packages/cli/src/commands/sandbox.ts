import type { RunningSandbox, SandboxOptions } from '@unsilo/sandbox';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { type Lang, resolveLang } from '../util/lang';

interface SandboxCommandOptions {
  port: string;
  host: string;
  data?: string;
  memory?: boolean;
  database?: string;
  seed?: string;
  selfApprove?: boolean;
  bodyLimit?: string;
  rateLimit?: string;
  retentionDays?: string;
  log?: boolean;
  lang?: string;
  sealingKeyFile?: string;
  previousSealingKeyFile?: string;
  rotateReceiptKey?: boolean;
}

const databaseUrlEnv = 'UNSILO_DATABASE_URL';

const text = {
  listening: { zh: '本地交换平台已启动', en: 'Local exchange listening on' },
  data: { zh: '数据文件', en: 'Data' },
  database: { zh: '数据库（PostgreSQL）', en: 'Database (PostgreSQL)' },
  memory: { zh: '（内存，退出即丢失）', en: '(in memory, lost on exit)' },
  clients: { zh: '演示部门的客户端 ID', en: 'Client ids of the seeded departments' },
  secrets: { zh: '客户端密钥见种子文件', en: 'Client secrets are in the seed file' },
  secretsEarlier: {
    zh: '沿用已有数据，客户端密钥见当初使用的种子文件（演示种子：',
    en: 'Existing data kept; client secrets are in the seed file used then (demo seed: ',
  },
  selfApprove: { zh: '提供方可自行注册、发布目录', en: 'Providers register and publish their own entries' },
  stop: { zh: '按 Ctrl+C 停止', en: 'Press Ctrl+C to stop' },
  sealingKey: { zh: '密封密钥', en: 'Sealing key' },
  defaultSealingKey: {
    zh: '（数据旁的默认密钥文件，仅供本地使用；正式使用请设置 UNSILO_SEALING_KEY 或 --sealing-key-file）',
    en: '(the default key file beside the data, for local use only: set UNSILO_SEALING_KEY or --sealing-key-file for anything real)',
  },
  receiptKeyRotated: { zh: '回执签名密钥已轮换，现用', en: 'Receipt key rotated, now signing with' },
  outsideContract: {
    zh: '以下目录条目由旧版本存入，不符合接口规范，读取时会返回 500；请改用新的数据文件并重新发布目录：',
    en: 'These entries were stored by an earlier version and break the contract (reading them answers 500); start on a new data file and publish the catalogue again:',
  },
} as const;

function t(lang: Lang, key: keyof typeof text): string {
  return text[key][lang];
}

export function register(program: Command): void {
  program
    .command('sandbox')
    .description(
      '启动共享交换平台（SQLite 或 PostgreSQL）/ start the exchange on SQLite (or PostgreSQL with --database)',
    )
    .option('--port <port>', '端口 / port (0 picks a free one)', '7300')
    .option('--host <host>', '监听地址 / address to listen on', '127.0.0.1')
    .option('--data <file>', '数据文件 / SQLite data file (default .unsilo/sandbox.db)')
    .option('--memory', '只在内存中运行 / keep everything in memory')
    .option(
      '--database <url>',
      '存入 PostgreSQL（postgres://…，亦可用 UNSILO_DATABASE_URL），多个实例可共用 / store everything on PostgreSQL (postgres://…, or UNSILO_DATABASE_URL); several instances may share it',
    )
    .option('--seed <file>', '部门与凭据的种子文件 / seed file with departments and credentials')
    .option('--self-approve', '提供方可自行注册、发布 / providers may register and publish their own entries')
    .option('--no-self-approve', '注册、发布须由大数据局操作 / only an authority registers and publishes')
    .option('--body-limit <bytes>', '请求体上限（字节）/ largest request body in bytes')
    .option(
      '--rate-limit <requests>',
      '每个客户端每分钟的请求上限，超出答 429，0 为不限（默认 60000）/ requests per minute per client before 429 (0: no limit; default 60000)',
    )
    .option(
      '--retention-days <days>',
      '变更流中被取代的旧版本保留天数，超期即删除（默认全部保留）/ days a superseded version stays in the change feed before it is removed (default: keep every version)',
    )
    .option(
      '--log',
      '以 JSON 行输出访问日志（不含请求头和请求体）/ log requests as JSON lines (no headers or bodies)',
    )
    .option(
      '--sealing-key-file <file>',
      '密封密钥文件（32 字节的 base64，权限 0600；优先于 UNSILO_SEALING_KEY）/ sealing key file (base64 of 32 bytes, mode 0600; before UNSILO_SEALING_KEY)',
    )
    .option(
      '--previous-sealing-key-file <file>',
      '轮换前的密封密钥，启动时用新密钥重新密封 / the sealing key rotated away from: everything is re-sealed with the new one at start',
    )
    .option(
      '--rotate-receipt-key',
      '启用新的回执签名密钥，旧公钥继续公布 / sign receipts with a new key from now on; old public keys stay published',
    )
    .option('--lang <lang>', 'zh | en')
    .action(async (options: SandboxCommandOptions, command: Command) => {
      const lang = resolveLang(options.lang);
      const { sandbox, demoSeedFile } = await start(sandboxOptions(options, command));
      printBanner(sandbox, demoSeedFile, options, lang);
      await untilInterrupted(sandbox);
    });
}

/** The sandbox's options from the flags; a flag out of its range is a usage error (exit 2). */
function sandboxOptions(options: SandboxCommandOptions, command: Command): SandboxOptions {
  if (options.data && options.memory) {
    throw new CliError(
      'usage.conflict',
      '--data 与 --memory 不能同时使用 / --data and --memory exclude each other',
    );
  }
  if (options.database !== undefined && (options.data || options.memory)) {
    throw new CliError(
      'usage.conflict',
      '--database 不能与 --data 或 --memory 同时使用 / --database excludes --data and --memory',
    );
  }
  const databaseUrl = databaseUrlOf(options);
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(
      'usage.port',
      `--port 应为 0–65535 的整数 / --port must be an integer 0..65535: ${options.port}`,
    );
  }
  const bodyLimit = options.bodyLimit === undefined ? undefined : Number(options.bodyLimit);
  if (bodyLimit !== undefined && (!Number.isInteger(bodyLimit) || bodyLimit < 1024)) {
    throw new CliError(
      'usage.body_limit',
      '--body-limit 应为不小于 1024 的整数 / --body-limit must be an integer ≥ 1024',
    );
  }
  const requestsPerMinute = options.rateLimit === undefined ? undefined : Number(options.rateLimit);
  if (requestsPerMinute !== undefined && !(Number.isInteger(requestsPerMinute) && requestsPerMinute >= 0)) {
    throw new CliError(
      'usage.rate_limit',
      '--rate-limit 应为不小于 0 的整数 / --rate-limit must be an integer ≥ 0',
    );
  }
  // Only an explicit flag overrides the seed's own selfApprove setting.
  const selfApproveSource = command.getOptionValueSource('selfApprove');
  return {
    port,
    host: options.host,
    ...storageOptions(options, databaseUrl),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(selfApproveSource === 'cli' ? { selfApprove: options.selfApprove === true } : {}),
    ...(bodyLimit ? { bodyLimit } : {}),
    ...(requestsPerMinute !== undefined ? { requestsPerMinute } : {}),
    ...retentionOf(options),
    logger: options.log === true,
    ...(options.sealingKeyFile ? { sealingKeyFile: options.sealingKeyFile } : {}),
    ...(options.previousSealingKeyFile ? { previousSealingKeyFile: options.previousSealingKeyFile } : {}),
    rotateReceiptKey: options.rotateReceiptKey === true,
  };
}

/** `--retention-days`: a whole number of days ≥ 1, or nothing (keep every version). */
function retentionOf(options: SandboxCommandOptions): SandboxOptions {
  if (options.retentionDays === undefined) return {};
  const retentionDays = Number(options.retentionDays);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new CliError(
      'usage.retention_days',
      '--retention-days 应为不小于 1 的整数 / --retention-days must be an integer ≥ 1',
    );
  }
  return { retentionDays };
}

/** The PostgreSQL URL: `--database`, else env `UNSILO_DATABASE_URL` unless `--data` or `--memory` is given. */
function databaseUrlOf(options: SandboxCommandOptions): string | undefined {
  const fromEnv = options.data || options.memory ? undefined : process.env[databaseUrlEnv] || undefined;
  const url = options.database ?? fromEnv;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new CliError(
      'usage.database',
      `${options.database !== undefined ? '--database' : databaseUrlEnv} 应为 postgres://用户@主机:端口/数据库 / ${options.database !== undefined ? '--database' : databaseUrlEnv} must be a postgres://user@host:port/database URL`,
    );
  }
  return url;
}

function storageOptions(options: SandboxCommandOptions, databaseUrl: string | undefined): SandboxOptions {
  if (databaseUrl !== undefined) return { databaseUrl };
  return options.memory ? { memory: true } : { dataFile: options.data ?? '.unsilo/sandbox.db' };
}

/** Connection failures (and PostgreSQL's refusals of the login) the user fixes in the URL or the server. */
const databaseUnavailable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  '28P01',
  '28000',
  '3D000',
]);

/** Starts the sandbox (loaded only now: the other commands do not pay for SQLite); failures the user can fix exit 2. */
async function start(options: SandboxOptions): Promise<{ sandbox: RunningSandbox; demoSeedFile: string }> {
  const {
    startSandbox,
    demoSeedFile,
    SeedError,
    SealingKeyError,
    DatabaseUrlError,
    databaseUrlWithoutPassword,
  } = await import('@unsilo/sandbox');
  try {
    return { sandbox: await startSandbox(options), demoSeedFile };
  } catch (error) {
    if (error instanceof SeedError) throw new CliError('sandbox.seed_invalid', error.message, 2);
    if (error instanceof SealingKeyError) throw new CliError('sandbox.sealing_key', error.message, 2);
    if (error instanceof DatabaseUrlError) throw new CliError('usage.database', error.message, 2);
    const code = (error as NodeJS.ErrnoException).code;
    if (options.databaseUrl !== undefined && databaseUnavailable.has(code ?? '')) {
      const where = databaseUrlWithoutPassword(options.databaseUrl);
      throw new CliError(
        'sandbox.database_unavailable',
        `无法连接数据库 ${where}（${code}）/ cannot use the database ${where} (${code})`,
        2,
      );
    }
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new CliError(
        'sandbox.port_unavailable',
        `端口 ${options.port} 不可用 / port ${options.port} is not available (${code})`,
        2,
      );
    }
    throw error;
  }
}

/** Where the sandbox listens, its data and key files, and the seeded clients to use. */
function printBanner(
  sandbox: RunningSandbox,
  demoSeedFile: string,
  options: SandboxCommandOptions,
  lang: Lang,
): void {
  const out = process.stdout;
  out.write(`${t(lang, 'listening')} ${sandbox.url}\n`);
  // On PostgreSQL `dataFile` is the database URL without its password.
  const where = sandbox.dataFile === ':memory:' ? t(lang, 'memory') : sandbox.dataFile;
  out.write(`${t(lang, sandbox.backend === 'postgres' ? 'database' : 'data')}: ${where}\n`);
  out.write(`${t(lang, 'clients')}:\n`);
  for (const client of sandbox.clients)
    out.write(`  ${client.clientId.padEnd(16)} ${client.departmentId.padEnd(12)} ${client.name}\n`);
  out.write(
    sandbox.seedFile
      ? `${t(lang, 'secrets')}: ${sandbox.seedFile}\n`
      : `${t(lang, 'secretsEarlier')}${demoSeedFile})\n`,
  );
  if (sandbox.dataFile !== ':memory:') {
    const isDefault = sandbox.sealingKeySource === `${sandbox.dataFile}.key`;
    out.write(
      `${t(lang, 'sealingKey')}: ${sandbox.sealingKeySource}${isDefault ? ` ${t(lang, 'defaultSealingKey')}` : ''}\n`,
    );
  }
  if (options.rotateReceiptKey) out.write(`${t(lang, 'receiptKeyRotated')} ${sandbox.receiptKid}\n`);
  if (sandbox.entriesOutsideContract.length > 0) {
    process.stderr.write(`${t(lang, 'outsideContract')} ${sandbox.entriesOutsideContract.join(', ')}\n`);
  }
  if (sandbox.selfApprove) out.write(`${t(lang, 'selfApprove')}\n`);
  out.write(`${t(lang, 'stop')}\n`);
}

/** Runs until Ctrl+C or SIGTERM, then closes the sandbox. */
function untilInterrupted(sandbox: RunningSandbox): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void sandbox.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
