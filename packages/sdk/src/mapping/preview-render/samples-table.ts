import { escapeHtml } from '../../html/escape-html';
import type { PreviewRow } from '../preview';
import type { RowIssue } from '../types';
import type { PreviewStringKey } from './preview-strings';
import type { Lang, PreviewView } from './preview-view';

type Say = (key: PreviewStringKey) => string;

interface Column {
  key: string;
  name?: string;
}

/**
 * The columns of the samples table: the catalogue entry's items the mapping fills, in the entry's order, then
 * any other field the mapping writes (no entry, or a key the entry lacks).
 */
export function sampleColumns(view: PreviewView, rows: readonly PreviewRow[]): Column[] {
  const written = new Set(Object.keys(view.mapping?.fields ?? {}));
  for (const r of rows) for (const k of Object.keys(r.after ?? r.partial ?? {})) written.add(k);
  const columns: Column[] = (view.entry?.items ?? []).filter((i) => written.has(i.key));
  const named = new Set(columns.map((c) => c.key));
  for (const key of written) if (!named.has(key)) columns.push({ key });
  return columns;
}

/**
 * The rows shown as one compact table: a line per sample row, the source row number first, a column per item
 * headed by its Chinese name, then why the row was rejected (or replaced, or warned about). Values stay on one
 * line (the table scrolls sideways); the reason wraps.
 */
export function samplesTable(view: PreviewView, rows: readonly PreviewRow[], s: Say): string {
  const columns = sampleColumns(view, rows);
  const head = [
    `<th>${s('row')}</th>`,
    ...columns.map(
      (c) =>
        `<th>${c.name ? `${escapeHtml(c.name)} ` : ''}<code class="item-key">${escapeHtml(c.key)}</code></th>`,
    ),
    `<th>${s('reason')}</th>`,
  ];
  const body = rows.map((r) => sampleRow(r, columns, s, view.lang));
  return `<div class="table-scroll"><table id="samples-table"><thead><tr>${head.join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

function sampleRow(r: PreviewRow, columns: readonly Column[], s: Say, lang: Lang): string {
  const status = r.errors ? 'rejected' : r.replacedBy !== undefined ? 'replaced' : 'accepted';
  const record = r.after ?? r.partial ?? {};
  // A field in error shows the value it failed on (a code the table lacks is not in the partial record).
  const failed = new Map(r.errors?.map((e) => [e.field, e.value]));
  const cells = columns.map((c) =>
    failed.has(c.key)
      ? `<td class="value error">${escapeHtml(failed.get(c.key))}</td>`
      : `<td class="value">${escapeHtml(record[c.key])}</td>`,
  );
  const attrs = `data-row="${r.row}" data-status="${status}"${r.warnings ? ' data-warned' : ''}`;
  return `<tr ${attrs}><td class="row-number">${r.row}</td>${cells.join('')}<td class="reason"><div class="reason-text">${reasons(r, s, lang)}</div></td></tr>`;
}

function reasons(r: PreviewRow, s: Say, lang: Lang): string {
  const line = (i: RowIssue) =>
    `<code>${escapeHtml(i.field)}</code> ${escapeHtml(lang === 'zh' ? i.zh : i.message)}`;
  const lines = (r.errors ?? []).map(line);
  if (r.replacedBy !== undefined) lines.push(`<span class="muted">${s('replaced')} → ${r.replacedBy}</span>`);
  for (const w of r.warnings ?? []) lines.push(`<span class="warn">${line(w)}</span>`);
  return lines.join('<br>');
}
