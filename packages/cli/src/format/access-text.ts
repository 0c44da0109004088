import type { ShareRequest } from '@unsilo/sdk/schemas';
import type { Lang } from '../util/lang';

const STATUS_ZH: Record<ShareRequest['status'], string> = {
  pending: '待审批',
  approved: '已同意',
  refused: '已拒绝',
};

/** One share request in a line (and its reason below it when refused). */
export function renderShareRequest(share: ShareRequest, lang: Lang): string {
  const status = lang === 'zh' ? STATUS_ZH[share.status] : share.status;
  const line = `${share.id}  ${status}  ${share.resource}  ${share.consumer} → ${share.provider}  ${share.createdAt}`;
  const purpose = lang === 'zh' ? `    用途：${share.purpose}` : `    purpose: ${share.purpose}`;
  const reason =
    share.reason === undefined
      ? []
      : [lang === 'zh' ? `    理由：${share.reason}` : `    reason: ${share.reason}`];
  return [line, purpose, ...reason].join('\n');
}

export function renderShareRequests(shares: readonly ShareRequest[], lang: Lang): string {
  const head =
    lang === 'zh'
      ? `共享申请 ${shares.length} 条`
      : `${shares.length} share request${shares.length === 1 ? '' : 's'}`;
  return [head, ...shares.map((share) => renderShareRequest(share, lang))].join('\n');
}

/** What a step did, for people: `unsilo access request|approve|refuse`. */
export function renderDecision(
  share: ShareRequest,
  step: 'request' | 'approve' | 'refuse',
  lang: Lang,
): string {
  const said = {
    request: { zh: '已提交共享申请，等待提供方审批', en: 'Share request filed; the provider decides on it' },
    approve: { zh: '已同意共享申请', en: 'Share request approved' },
    refuse: { zh: '已拒绝共享申请', en: 'Share request refused' },
  }[step];
  return `${said[lang]}: ${share.id}\n${renderShareRequest(share, lang)}`;
}
