import { escapeHtml } from '../../html/escape-html';
import type { MappingDiagnostic } from '../types';
import type { Lang } from './preview-view';

/** A table whose cells are already HTML. */
export function htmlTable(headers: string[], rows: string[][], attrs = ''): string {
  const head = headers.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${attrs}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function diagnosticItem(d: MappingDiagnostic, lang: Lang): string {
  const where = d.range ? `${d.range.start.line}:${d.range.start.column} ` : '';
  return `<li class="${escapeHtml(d.severity)}"><code>${escapeHtml(d.code)}</code> ${escapeHtml(where)}${escapeHtml(lang === 'zh' ? d.zh : d.message)}</li>`;
}
