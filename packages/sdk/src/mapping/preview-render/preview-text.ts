import type { Coverage } from '../coverage';
import type { PreviewResult, PreviewRow } from '../preview';
import { formatMappingDiagnostic } from './diagnostic-text';
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
  lines.push(...uncoveredLines(result, t));
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
      (u) => `  ${u.field} "${u.value}" × ${u.count}  (${t('行', 'rows')} ${u.rows.join(', ')})`,
    ),
  ];
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
