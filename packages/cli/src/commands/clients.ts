import type { ExchangeClient } from '@unsilo/sdk';
import type { Client, ClientSecretIssued } from '@unsilo/sdk/schemas';
import type { Command } from 'commander';
import { CliError } from '../util/cli-error';
import { assertTextOrJson, onExchange } from '../util/exchange-call';
import { withExchangeOptions as withCommon } from '../util/exchange-help';
import { type Lang, resolveLang, say } from '../util/lang';

interface CommonFlags {
  format: string;
  exchange?: string;
  lang?: string;
}

/** The longest grace the contract allows a rotated secret: 30 days. */
const maxGraceSeconds = 2_592_000;

export function register(program: Command): void {
  const clients = program
    .command('clients')
    .description(
      '客户端凭证：添加、轮换、吊销、列出（大数据局）/ client credentials: add, rotate, revoke, list (the authority)',
    );
  withCommon(
    clients
      .command('add <department>')
      .description(
        '为部门添加客户端，密钥仅显示一次 / add a client for a department; its secret is shown once',
      ),
  ).action((department: string, flags: CommonFlags) =>
    issued(flags, async (client) => (await client.clients.add(department)).data),
  );
  withCommon(
    clients
      .command('rotate <client>')
      .description('轮换客户端密钥，新密钥仅显示一次 / rotate a client’s secret; the new one is shown once')
      .option(
        '--grace <seconds>',
        '旧密钥继续有效的秒数（默认 86400，最多 2592000）/ seconds the old secret stays valid (default 86400, at most 2592000)',
      ),
  ).action((clientId: string, flags: CommonFlags & { grace?: string }) => {
    const graceSeconds =
      flags.grace === undefined ? undefined : graceOf(flags.grace, resolveLang(flags.lang));
    return issued(
      flags,
      async (client) =>
        (await client.clients.rotate(clientId, graceSeconds === undefined ? {} : { graceSeconds })).data,
    );
  });
  withCommon(
    clients
      .command('revoke <client>')
      .description('吊销客户端，其令牌立即失效 / revoke a client; its tokens stop working at once'),
  ).action(async (clientId: string, flags: CommonFlags) => {
    const lang = resolveLang(flags.lang);
    assertTextOrJson(flags.format);
    const revoked = await onExchange(
      flags,
      lang,
      async (client) => (await client.clients.revoke(clientId)).data,
    );
    write(flags, revoked, () =>
      say(
        lang,
        `revoked ${revoked.clientId} at ${revoked.revokedAt}`,
        `已吊销 ${revoked.clientId}（${revoked.revokedAt}）`,
      ),
    );
  });
  withCommon(
    clients
      .command('list <department>')
      .description('列出部门的客户端（不含密钥）/ list a department’s clients (never a secret)'),
  ).action(async (department: string, flags: CommonFlags) => {
    const lang = resolveLang(flags.lang);
    assertTextOrJson(flags.format);
    const found = await onExchange(flags, lang, async (client) => {
      const all: Client[] = [];
      for await (const item of client.clients.list(department)) all.push(item);
      return all;
    });
    write(
      flags,
      found,
      () => found.map((c) => describe(c, lang)).join('\n') || say(lang, 'no clients', '没有客户端'),
    );
  });
}

/** Prints a new secret once, to stdout, with the warning to store it (zh/en); with `--format json` the warning
 * goes to stderr, so that stdout stays one JSON document. */
async function issued(flags: CommonFlags, step: (client: ExchangeClient) => Promise<ClientSecretIssued>) {
  const lang = resolveLang(flags.lang);
  assertTextOrJson(flags.format);
  const answer = await onExchange(flags, lang, step);
  const warning = say(
    lang,
    'Store this secret now: the exchange keeps only its hash and cannot show it again.',
    '请立即妥善保存此密钥：交换平台只保存其哈希，无法再次显示。',
  );
  if (flags.format === 'json') process.stderr.write(`${warning}\n`);
  write(
    flags,
    answer,
    () => `${describe(answer.client, lang)}\nclient_secret=${answer.clientSecret}\n${warning}`,
  );
}

function write(flags: CommonFlags, value: unknown, text: () => string): void {
  process.stdout.write(flags.format === 'json' ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

function describe(client: Client, lang: Lang): string {
  const parts = [
    `client_id=${client.clientId}`,
    `department=${client.departmentId}`,
    `created=${client.createdAt}`,
  ];
  if (client.rotatedAt) parts.push(`rotated=${client.rotatedAt}`);
  if (client.previousSecretExpiresAt) parts.push(`previous_secret_until=${client.previousSecretExpiresAt}`);
  if (client.revokedAt) parts.push(`${say(lang, 'revoked', '已吊销')}=${client.revokedAt}`);
  return parts.join('  ');
}

function graceOf(text: string, lang: Lang): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds > maxGraceSeconds) {
    throw new CliError(
      'usage',
      say(
        lang,
        `--grace takes whole seconds from 0 to ${maxGraceSeconds} (30 days): ${text}`,
        `--grace 须为 0 至 ${maxGraceSeconds}（30 天）之间的整数秒：${text}`,
      ),
    );
  }
  return seconds;
}
