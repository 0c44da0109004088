import { escapeHtml } from '../../html/escape-html';
import type { PreviewResult } from '../preview';
import type { RowIssue } from '../types';
import { htmlTable } from './html-parts';
import type { PreviewStringKey } from './preview-strings';
import type { Lang } from './preview-view';

type Say = (key: PreviewStringKey) => string;

/** The id of a listed rejected row's first line: the uncovered codes link their rows to it. */
const rejectAnchor = (row: number) => `reject-row-${row}`;

/** One table line per issue of a row: row, field, rule, value, reason (the row number only on its first). */
function issueLines(row: number, issues: readonly RowIssue[], lang: Lang, anchor?: string): string[][] {
  return issues.map((e, i) => [
    i === 0 ? (anchor ? `<span id="${anchor}">${row}</span>` : String(row)) : '',
    `<code>${escapeHtml(e.field)}</code>`,
    `<code>${escapeHtml(e.rule)}</code>`,
    escapeHtml(e.value),
    escapeHtml(lang === 'zh' ? e.zh : e.message),
  ]);
}

/** "N of M shown" when a list was cut, with where the whole list is. */
function cutNote(s: Say, shown: number, total: number, where: string, id: string): string {
  if (shown >= total) return '';
  const text = escapeHtml(s('listedOf').replace('{n}', String(shown)).replace('{m}', String(total)));
  return `<p class="muted" id="${id}">${text}${where}</p>`;
}

/** Every rejected row of the sample with its reasons (the first `listLimit`), also those after the rows shown. */
export function rejectsSection(result: PreviewResult, s: Say, lang: Lang): string {
  const lines = result.rejectedRows.flatMap((r) => issueLines(r.row, r.errors, lang, rejectAnchor(r.row)));
  const where = `; ${escapeHtml(s('allRejectsIn'))} <code>unsilo map run --rejects</code>`;
  return (
    `<section id="rejects"><h2>${s('rejects')} (${result.summary.rejected})</h2>` +
    (lines.length
      ? htmlTable([s('row'), s('field'), s('rule'), s('value'), s('reason')], lines, ' id="rejects-table"') +
        cutNote(s, result.rejectedRows.length, result.summary.rejected, where, 'rejects-cut')
      : `<p class="muted">${s('none')}</p>`) +
    `</section>`
  );
}

/** Legacy values the codes do not cover, with their count and rows (linked to the rejected row listed). */
export function uncoveredSection(result: PreviewResult, s: Say): string {
  const listed = new Set(result.rejectedRows.map((r) => r.row));
  const rowLink = (row: number) =>
    listed.has(row) ? `<a href="#${rejectAnchor(row)}">${row}</a>` : String(row);
  const rows = result.uncovered.map((u) => [
    `<code>${escapeHtml(u.field)}</code>`,
    escapeHtml(u.value),
    String(u.count),
    u.rows.map(rowLink).join(', ') + (u.count > u.rows.length ? ' …' : ''),
  ]);
  return (
    `<section id="uncovered"><h2>${s('uncovered')}</h2>` +
    (rows.length
      ? htmlTable([s('field'), s('value'), s('count'), s('firstRows')], rows, ' id="uncovered-table"')
      : `<p class="muted">${s('none')}</p>`) +
    `</section>`
  );
}

/** Rows with warnings and what each warning says (shown only when there are some). */
export function warningsSection(result: PreviewResult, s: Say, lang: Lang): string {
  if (!result.warningRows.length) return '';
  const lines = result.warningRows.flatMap((r) => issueLines(r.row, r.warnings, lang));
  return (
    `<section id="warnings"><h2>${s('warningRows')} (${result.warningRowCount})</h2>` +
    htmlTable([s('row'), s('field'), s('rule'), s('value'), s('reason')], lines, ' id="warnings-table"') +
    cutNote(s, result.warningRows.length, result.warningRowCount, '', 'warnings-cut') +
    `</section>`
  );
}
