import type { Coverage } from '../coverage';
import type { PreviewResult, PreviewRow } from '../preview';
import type { RowIssue } from '../types';
import { formatMappingDiagnostic } from './diagnostic-text';
import { previewStrings } from './preview-strings';
import type { Lang, PreviewView } from './preview-view';

type T = (zh: string, en: string) => string;

/** The preview as plain text for a terminal (`unsilo map preview`, the default format). */
export function renderPreviewText(view: PreviewView): string {
  const { lang } = view;
  const t: T = (zh, en) => (lang === 'zh' ? zh : en);
  const result = view.result;
  if (!result) return `${view.notices.join('\n')}\n`;
  const lines = result.diagnostics.map((d) => formatMappingDiagnostic(view.mappingPath, d, lang));
  const s = result.summary;
  lines.push(
    `${t('读取', 'read')} ${s.read}  ${t('接受', 'accepted')} ${s.accepted}  ${t('拒绝', 'rejected')} ${s.rejected}${s.replaced ? `  ${t('被替代', 'replaced')} ${s.replaced}` : ''}  ${t('警告', 'warnings')} ${s.warnings}`,
  );
  if (result.coverage) lines.push(...coverageLines(result.coverage, t));
  // What the user acts on first: rejected rows with reasons, uncovered codes, warnings; then the samples.
  lines.push(...issueRowLines(result, t, lang));
  lines.push(...uncoveredLines(result, t));
  lines.push(...warningRowLines(result, t, lang));
  for (const r of result.rows) lines.push(...rowLines(r, t, lang));
  return `${lines.join('\n')}\n`;
}

function coverageLines(c: Coverage, t: T): string[] {
  const lines = [`${t('覆盖率', 'coverage')} ${c.mapped}/${c.total}`];
  if (c.unmappedKeys.length)
    lines.push(`  ${t('未映射的主键', 'key items not mapped')}: ${c.unmappedKeys.join(', ')}`);
  if (c.unmappedRequired.length)
    lines.push(`  ${t('未映射的必填项', 'required items not mapped')}: ${c.unmappedRequired.join(', ')}`);
  const rest = c.items.filter((i) => !i.mapped).map((i) => i.key);
  if (rest.length) lines.push(`  ${t('未映射', 'not mapped')}: ${rest.join(', ')}`);
  return lines;
}

function uncoveredLines(result: PreviewResult, t: T): string[] {
  if (!result.uncovered.length) return [];
  return [
    t('未覆盖的代码值：', 'values the codes do not cover:'),
    ...result.uncovered.map(
      (u) =>
        `  ${u.field} "${u.value}" × ${u.count}  (${t('行', 'rows')} ${u.rows.join(', ')}${u.count > u.rows.length ? ' …' : ''})`,
    ),
  ];
}

/** Every rejected row listed, with its reasons (also those after the rows shown). */
function issueRowLines(result: PreviewResult, t: T, lang: Lang): string[] {
  if (!result.rejectedRows.length) return [];
  const lines = [`${t('拒收行及原因', 'rejected rows and reasons')} (${result.summary.rejected}):`];
  for (const r of result.rejectedRows) lines.push(...issueLines(r.row, r.errors, lang));
  if (result.rejectedRows.length < result.summary.rejected)
    lines.push(
      `  ${listedOf(result.rejectedRows.length, result.summary.rejected, lang)}; ${t('全部拒收行见', 'all in')} unsilo map run --rejects`,
    );
  return lines;
}

function warningRowLines(result: PreviewResult, t: T, lang: Lang): string[] {
  if (!result.warningRows.length) return [];
  const lines = [`${t('有警告的行', 'rows with warnings')} (${result.warningRowCount}):`];
  for (const r of result.warningRows) lines.push(...issueLines(r.row, r.warnings, lang));
  if (result.warningRows.length < result.warningRowCount)
    lines.push(`  ${listedOf(result.warningRows.length, result.warningRowCount, lang)}`);
  return lines;
}

const listedOf = (n: number, m: number, lang: Lang) =>
  previewStrings.listedOf[lang].replace('{n}', String(n)).replace('{m}', String(m));

/** `  row 58  csrq [date] "19491331": reason`, one line per issue. */
function issueLines(row: number, issues: readonly RowIssue[], lang: Lang): string[] {
  const label = lang === 'zh' ? '行' : 'row';
  return issues.map(
    (i) =>
      `  ${label} ${row}  ${i.field} [${i.rule}] ${JSON.stringify(i.value)}: ${lang === 'zh' ? i.zh : i.message}`,
  );
}

function rowLines(r: PreviewRow, t: T, lang: Lang): string[] {
  const mark =
    r.replacedBy !== undefined
      ? `↷ ${t(`被第 ${r.replacedBy} 行替代`, `replaced by row ${r.replacedBy}`)}`
      : r.errors
        ? `✗ ${t('拒绝', 'rejected')}`
        : '✓';
  const lines = ['', `${t('行', 'row')} ${r.row}  ${mark}`];
  for (const [k, v] of Object.entries(r.after ?? {}))
    if (v !== undefined) lines.push(`  ${k} = ${JSON.stringify(v)}`);
  const issue = (mark: string, i: NonNullable<PreviewRow['errors']>[number]) =>
    `  ${mark} ${i.field} [${i.rule}] ${JSON.stringify(i.value)}: ${lang === 'zh' ? i.zh : i.message}`;
  for (const e of r.errors ?? []) lines.push(issue('✗', e));
  for (const w of r.warnings ?? []) lines.push(issue('!', w));
  lines.push(`  ${t('原值', 'source')}: ${JSON.stringify(r.before)}`);
  return lines;
}
