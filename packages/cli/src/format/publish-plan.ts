import type { PlanItem, PublishResult, WithdrawalItem } from '@unsilo/sdk/publish';
import type { Lang } from '../util/lang';

const SIGN: Record<PlanItem['action'], string> = {
  create: '+',
  change: '~',
  unchanged: '=',
  withdraw: '-',
  orphan: '?',
  blocked: '!',
};

/** `unsilo publish` for people: the plan (or what was done), item by item, then conflicts and failures. */
export function renderPublish(result: PublishResult, lang: Lang): string {
  const zh = lang === 'zh';
  const { plan } = result;
  const out: string[] = [headline(result, lang)];
  for (const item of plan.items) {
    if (item.action === 'orphan' || (item.action === 'unchanged' && item.transitions.length === 0)) continue;
    const steps = item.transitions.length > 0 ? ` → ${item.transitions.join(' → ')}` : '';
    const permanent =
      item.action === 'withdraw' ? (zh ? '（撤销，不可恢复）' : ' (withdraw, permanent)') : '';
    out.push(`  ${SIGN[item.action]} ${item.code} ${item.name}${steps}${permanent}`);
    if (item.action === 'change') {
      for (const change of item.changes) {
        out.push(`      ${change.path}: ${show(change.before)} → ${show(change.after)}`);
      }
    }
    if (item.action === 'blocked') out.push(`      ${zh ? item.zh : item.reason}`);
  }
  out.push(...orphans(plan.items, lang));
  if (plan.empty) out.push(zh ? '  无需任何修改。' : '  Nothing to do.');
  for (const conflict of result.conflicts) out.push(`  ! ${zh ? conflict.zh : conflict.message}`);
  for (const failure of result.failures) out.push(`  ! ${failure.code} ${failure.step}: ${failure.error}`);
  if (result.awaitingAuthority.length > 0) {
    out.push(
      zh
        ? `  待大数据局注册/发布：${result.awaitingAuthority.join(', ')}`
        : `  Awaiting the authority to register/publish: ${result.awaitingAuthority.join(', ')}`,
    );
  }
  for (const skipped of result.skippedFiles) out.push(`  · ${skipped.file}: ${skipped.reason}`);
  const warnings = result.diagnostics.length;
  if (warnings > 0)
    out.push(
      zh
        ? `  校验提示 ${warnings} 条（见 unsilo lint）`
        : `  ${warnings} lint warning(s)/info(s) (see unsilo lint)`,
    );
  return out.join('\n');
}

function headline(result: PublishResult, lang: Lang): string {
  const { counts } = result.plan;
  const { name, code } = result.provider;
  if (lang === 'zh') {
    const what = result.dryRun ? '发布计划（未做修改）' : '发布';
    return `${name}（${code}）${what}：新建 ${counts.create}，修改 ${counts.change}，未变 ${counts.unchanged}，撤销 ${counts.withdraw}${counts.orphan ? `，无文件 ${counts.orphan}` : ''}${counts.blocked ? `，受阻 ${counts.blocked}` : ''}`;
  }
  const what = result.dryRun ? 'plan (dry run, nothing changed)' : 'publish';
  return `${name} (${code}) ${what}: create ${counts.create}, change ${counts.change}, unchanged ${counts.unchanged}, withdraw ${counts.withdraw}${counts.orphan ? `, without a file ${counts.orphan}` : ''}${counts.blocked ? `, blocked ${counts.blocked}` : ''}`;
}

/** Resources on the exchange without a file here: kept, and said how to withdraw them. */
function orphans(items: readonly PlanItem[], lang: Lang): string[] {
  const kept = items.filter((item) => item.action === 'orphan');
  if (kept.length === 0) return [];
  return [
    lang === 'zh'
      ? '  以下资源在交换平台上，但本目录中没有文件（已保留；要撤销请运行 unsilo publish --prune，撤销不可恢复）：'
      : '  On the exchange without a file in this folder (kept; unsilo publish --prune withdraws them, permanently):',
    ...kept.map((item) => `  ${SIGN.orphan} ${item.code} ${item.name}`),
  ];
}

/** The resources a run is about to withdraw, one a line, for the confirmation. */
export function listWithdrawals(withdrawals: readonly WithdrawalItem[], lang: Lang): string {
  const head =
    lang === 'zh'
      ? `将撤销以下 ${withdrawals.length} 个资源（撤销不可恢复，资源代码不能再次提交）：`
      : `About to withdraw ${withdrawals.length} resource(s) — permanently, a withdrawn code can never be filed again:`;
  return [head, ...withdrawals.map((item) => `  ${SIGN.withdraw} ${item.code} ${item.name}`)].join('\n');
}

function show(value: unknown): string {
  if (value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
