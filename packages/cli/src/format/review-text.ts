import type { EntryReview, FieldChange } from '@unsilo/sdk/review';
import type { ResourceSummary } from '@unsilo/sdk/schemas';
import type { Lang } from '../util/lang';

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

/** `unsilo review list`: the entries waiting, one a line. */
export function renderWaiting(resources: readonly ResourceSummary[], status: string, lang: Lang): string {
  const head =
    lang === 'zh'
      ? `待审核（${status}）的目录条目 ${resources.length} 个`
      : `${resources.length} entr${resources.length === 1 ? 'y' : 'ies'} waiting (${status})`;
  const rows = resources.map(
    (r) => `  ${r.code}  ${r.name}  ${r.provider.name}（${r.provider.code}）  ${r.updatedAt}`,
  );
  return [head, ...rows].join('\n');
}

/** `unsilo review show`: the entry, its lint findings, then its difference from the version in force. */
export function renderReview(review: EntryReview, lang: Lang): string {
  const zh = lang === 'zh';
  const out = [
    `${review.code} ${review.name} — ${review.provider.name}（${review.provider.code}）, ${review.status}`,
  ];
  out.push(
    zh
      ? `校验（unsilo lint 的规则）：${review.findings.length} 条`
      : `Lint (the rules of unsilo lint): ${review.findings.length}`,
  );
  for (const finding of review.findings) {
    const severity = finding.severity ?? 'error';
    const where = finding.path ? ` ${finding.path}` : '';
    const message = zh ? (finding.zh ?? finding.message) : finding.message;
    out.push(`  ${zh ? SEVERITY_ZH[severity] : severity}${where}: ${message} [${finding.rule}]`);
  }
  out.push(...baseline(review, lang));
  return out.join('\n');
}

function baseline(review: EntryReview, lang: Lang): string[] {
  const zh = lang === 'zh';
  if (review.baseline === 'none') {
    return [
      zh
        ? '无现行版本：首次审核，无可比较的版本。'
        : 'No version in force: a first review, nothing to compare.',
    ];
  }
  if (review.baseline === 'in-force') {
    return [zh ? '该版本即为现行发布版本。' : 'This version is the one in force.'];
  }
  const head = zh
    ? `与现行版本（发布于 ${review.publishedAt}）相比，修改 ${review.changes.length} 处：`
    : `Against the version in force (published ${review.publishedAt}), ${review.changes.length} change${review.changes.length === 1 ? '' : 's'}:`;
  return [head, ...review.changes.map(changeLine)];
}

function changeLine(change: FieldChange): string {
  if (!('before' in change)) return `  + ${change.path}: ${show(change.after)}`;
  if (!('after' in change)) return `  - ${change.path}: ${show(change.before)}`;
  return `  ~ ${change.path}: ${show(change.before)} → ${show(change.after)}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
