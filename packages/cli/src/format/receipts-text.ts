import { type ReceiptsFileReport, receiptLineReasonText } from '@unsilo/sdk/review';
import type { Lang } from '../util/lang';

/** `unsilo receipts verify` for people: the counts, then each failing line with its reason. */
export function renderReceiptsReport(file: string, report: ReceiptsFileReport, lang: Lang): string {
  const zh = lang === 'zh';
  const keys = Object.entries(report.keys)
    .map(([kid, count]) => `${kid} ×${count}`)
    .join(', ');
  const out = [
    zh
      ? `${file}：回执 ${report.lines} 条，有效 ${report.valid}，无效 ${report.failed}（同步运行 ${report.runs.length} 次）`
      : `${file}: ${report.lines} receipts, ${report.valid} valid, ${report.failed} invalid (${report.runs.length} sync run${report.runs.length === 1 ? '' : 's'})`,
  ];
  if (keys) out.push(zh ? `  签名密钥：${keys}` : `  signed with: ${keys}`);
  for (const failure of report.failures) {
    const batch =
      failure.batch === undefined ? '' : zh ? `（批次 ${failure.batch}）` : ` (batch ${failure.batch})`;
    const reason = receiptLineReasonText[failure.reason][lang];
    out.push(
      zh
        ? `  ✗ 第 ${failure.line} 行${batch}：${reason} [${failure.reason}]`
        : `  ✗ line ${failure.line}${batch}: ${reason} [${failure.reason}]`,
    );
  }
  const unlisted = report.failed - report.failures.length;
  if (unlisted > 0)
    out.push(zh ? `  另有 ${unlisted} 行无效（未列出）` : `  … and ${unlisted} more invalid lines`);
  if (report.lines === 0) out.push(zh ? '  文件中没有回执。' : '  The file holds no receipts.');
  return out.join('\n');
}
