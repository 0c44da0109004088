import type { ExchangeClient } from '@unsilo/sdk';
import { type ShareRequest, zShareRequestStatus } from '@unsilo/sdk/schemas';
import type { Command } from 'commander';
import { renderDecision, renderShareRequests } from '../format/access-text';
import { CliError } from '../util/cli-error';
import { assertTextOrJson, onExchange } from '../util/exchange-call';
import { withExchangeOptions as withCommon } from '../util/exchange-help';
import { type Lang, resolveLang } from '../util/lang';

interface CommonFlags {
  format: string;
  exchange?: string;
  lang?: string;
}

interface ListFlags extends CommonFlags {
  mine?: boolean;
  toApprove?: boolean;
  status?: string;
  resource?: string;
}

export function register(program: Command): void {
  const access = program
    .command('access')
    .description('有条件共享：申请、审批与查询 / conditional sharing: request, approve, list');
  withCommon(
    access
      .command('request <code>')
      .description('申请读取有条件共享的资源 / ask the provider to read a conditional resource')
      .requiredOption('--purpose <text>', '用途（提供方据此审批）/ purpose, on which the provider decides'),
  ).action((code: string, flags: CommonFlags & { purpose: string }) =>
    run(
      flags,
      async (client) => (await client.shareRequests.create({ resource: code, purpose: flags.purpose })).data,
      'request',
    ),
  );
  withCommon(
    access
      .command('list')
      .description('列出共享申请 / list share requests')
      .option('--mine', '本部门提出的申请 / the requests your department made')
      .option(
        '--to-approve',
        '待本部门审批的申请（默认只列待审批的）/ requests to your department (pending only unless --status)',
      )
      .option('--status <status>', 'pending | approved | refused')
      .option('--resource <code>', '只列该资源的申请 / only the requests for this resource'),
  ).action((flags: ListFlags) => list(flags));
  withCommon(
    access
      .command('approve <id>')
      .description('同意共享申请（提供方）/ approve a share request (the provider)'),
  ).action((id: string, flags: CommonFlags) =>
    run(flags, async (client) => (await client.shareRequests.approve(id)).data, 'approve'),
  );
  withCommon(
    access
      .command('refuse <id>')
      .description('拒绝共享申请（提供方）/ refuse a share request (the provider)')
      .requiredOption('--reason <text>', '拒绝理由，申请方可见 / the reason, shown to the requester'),
  ).action((id: string, flags: CommonFlags & { reason: string }) =>
    run(
      flags,
      async (client) => (await client.shareRequests.refuse(id, { reason: flags.reason })).data,
      'refuse',
    ),
  );
}

/** One step on one share request: file, approve or refuse it, and print what it is now. */
async function run(
  flags: CommonFlags,
  step: (client: ExchangeClient) => Promise<ShareRequest>,
  name: 'request' | 'approve' | 'refuse',
): Promise<void> {
  const lang = resolveLang(flags.lang);
  assertTextOrJson(flags.format);
  const share = await onExchange(flags, lang, step);
  process.stdout.write(
    flags.format === 'json' ? `${JSON.stringify(share)}\n` : `${renderDecision(share, name, lang)}\n`,
  );
}

async function list(flags: ListFlags): Promise<void> {
  const lang = resolveLang(flags.lang);
  assertTextOrJson(flags.format);
  if (flags.mine && flags.toApprove) {
    throw new CliError(
      'usage',
      say(lang, '--mine or --to-approve, not both', '--mine 与 --to-approve 只能选一个'),
    );
  }
  const status = flags.status ?? (flags.toApprove ? 'pending' : undefined);
  if (status !== undefined && !zShareRequestStatus.safeParse(status).success) {
    throw new CliError('usage', `--status ${zShareRequestStatus.options.join(' | ')} (${status})`);
  }
  const role: 'consumer' | 'provider' | undefined = flags.mine
    ? 'consumer'
    : flags.toApprove
      ? 'provider'
      : undefined;
  const shares = await onExchange(flags, lang, async (client) => {
    const found: ShareRequest[] = [];
    const query = {
      ...(role ? { role } : {}),
      ...(status ? { status: status as ShareRequest['status'] } : {}),
      ...(flags.resource ? { resource: flags.resource } : {}),
    } as const;
    for await (const share of client.shareRequests.list(query)) found.push(share);
    return found;
  });
  process.stdout.write(
    flags.format === 'json' ? `${JSON.stringify(shares)}\n` : `${renderShareRequests(shares, lang)}\n`,
  );
}

function say(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}
