import type { ExchangeClient, Resource } from '@unsilo/sdk';
import { reviewEntry } from '@unsilo/sdk/review';
import type { ResourceSummary } from '@unsilo/sdk/schemas';
import type { Command } from 'commander';
import { renderReview, renderWaiting } from '../format/review-text';
import { CliError } from '../util/cli-error';
import { assertTextOrJson, onExchange } from '../util/exchange-call';
import { withExchangeOptions as withCommon } from '../util/exchange-help';
import { type Lang, resolveLang } from '../util/lang';

interface CommonFlags {
  format: string;
  exchange?: string;
  lang?: string;
}

type Step = 'register' | 'publish' | 'withdraw';

const STEP_HELP: Record<Step, string> = {
  register: '注册已提交的目录条目（大数据局）/ register a submitted entry (the authority)',
  publish: '发布已注册的目录条目（大数据局）/ publish a registered entry (the authority)',
  withdraw: '撤销目录条目，须说明理由，不可恢复 / withdraw an entry, with a reason; permanent',
};

export function register(program: Command): void {
  const review = program
    .command('review')
    .description(
      '大数据局审核目录条目：待审、校验与差异、注册发布 / the authority reviews catalogue entries',
    );
  withCommon(
    review
      .command('list')
      .description('等待审核的目录条目 / the entries waiting for review')
      .option('--status <status>', 'submitted（待注册）| registered（待发布）', 'submitted'),
  ).action((flags: CommonFlags & { status: string }) => listWaiting(flags));
  withCommon(
    review
      .command('show <code>')
      .description(
        '条目的校验结果与对现行版本的修改 / the lint findings and the changes against the version in force',
      ),
  ).action((code: string, flags: CommonFlags) => show(code, flags));
  for (const step of ['register', 'publish', 'withdraw'] as const) {
    withCommon(
      review
        .command(`${step} <code>`)
        .description(STEP_HELP[step])
        .option('--reason <text>', '撤销理由（withdraw 必填）/ the reason (withdraw only, required there)'),
    ).action((code: string, flags: CommonFlags & { reason?: string }) => takeStep(step, code, flags));
  }
}

async function listWaiting(flags: CommonFlags & { status: string }): Promise<void> {
  const lang = resolveLang(flags.lang);
  assertTextOrJson(flags.format);
  if (flags.status !== 'submitted' && flags.status !== 'registered') {
    throw new CliError('usage', `--status submitted | registered (${flags.status})`);
  }
  const status = flags.status;
  const waiting = await onExchange(flags, lang, async (client) => {
    const found: ResourceSummary[] = [];
    for await (const resource of client.catalog.list({ status })) found.push(resource);
    return found;
  });
  process.stdout.write(
    flags.format === 'json' ? `${JSON.stringify(waiting)}\n` : `${renderWaiting(waiting, status, lang)}\n`,
  );
}

/** Exit 1 when the working version has lint errors (the exchange's rules may be newer than the entry). */
async function show(code: string, flags: CommonFlags): Promise<void> {
  const lang = resolveLang(flags.lang);
  assertTextOrJson(flags.format);
  const resource = await onExchange(flags, lang, async (client) => (await client.catalog.get(code)).data);
  const review = reviewEntry(resource);
  process.stdout.write(
    flags.format === 'json' ? `${JSON.stringify(review)}\n` : `${renderReview(review, lang)}\n`,
  );
  process.exitCode = review.findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

/** A life-cycle step with If-Match from a fresh read, so that a change made since is never stepped over. */
async function takeStep(step: Step, code: string, flags: CommonFlags & { reason?: string }): Promise<void> {
  const lang = resolveLang(flags.lang);
  assertTextOrJson(flags.format);
  const reason = reasonFor(step, flags.reason, lang);
  const before: Resource['status'][] = [];
  const after = await onExchange(flags, lang, async (client) => {
    const current = await client.catalog.get(code);
    before.push(current.data.status);
    const ifMatch = current.etag ?? current.data.etag;
    return (await stepOn(client, step, code, ifMatch, reason)).data;
  });
  const line =
    lang === 'zh'
      ? `${after.code}：${before[0]} → ${after.status}`
      : `${after.code}: ${before[0]} → ${after.status}`;
  process.stdout.write(flags.format === 'json' ? `${JSON.stringify(after)}\n` : `${line}\n`);
}

function stepOn(
  client: ExchangeClient,
  step: Step,
  code: string,
  ifMatch: string,
  reason: string | undefined,
) {
  if (step === 'withdraw') return client.catalog.withdraw(code, { reason: reason! }, { ifMatch });
  return step === 'register'
    ? client.catalog.register(code, { ifMatch })
    : client.catalog.publish(code, { ifMatch });
}

/** The exchange records a reason for a withdrawal only: required there, refused elsewhere rather than lost. */
function reasonFor(step: Step, reason: string | undefined, lang: Lang): string | undefined {
  if (step === 'withdraw' && !reason?.trim()) {
    throw new CliError('usage', say(lang, 'withdraw needs --reason <text>', '撤销须用 --reason 说明理由'));
  }
  if (step !== 'withdraw' && reason !== undefined) {
    throw new CliError(
      'usage',
      say(
        lang,
        `--reason is recorded only for withdraw; ${step} takes none`,
        `只有撤销（withdraw）记录理由，${step} 不接受 --reason`,
      ),
    );
  }
  return reason;
}

function say(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}
