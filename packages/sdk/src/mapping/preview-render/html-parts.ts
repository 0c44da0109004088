import { escapeHtml } from '../../html/escape-html';
import { listOf } from '../field-spec';
import type { FieldSpec, MappingDiagnostic } from '../types';
import { previewStrings } from './preview-strings';
import type { Lang } from './preview-view';

/** A table whose cells are already HTML. */
export function htmlTable(headers: string[], rows: string[][], attrs = ''): string {
  const head = headers.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${attrs}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A record (or source row) as a definition list; members without a value are left out. */
export function recordCell(record: Record<string, unknown> | undefined, lang: Lang): string {
  if (!record) return `<span class="muted">—</span>`;
  const entries = Object.entries(record).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return `<span class="muted">${previewStrings.none[lang]}</span>`;
  return `<dl>${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

export function diagnosticItem(d: MappingDiagnostic, lang: Lang): string {
  const where = d.range ? `${d.range.start.line}:${d.range.start.column} ` : '';
  return `<li class="${escapeHtml(d.severity)}"><code>${escapeHtml(d.code)}</code> ${escapeHtml(where)}${escapeHtml(lang === 'zh' ? d.zh : d.message)}</li>`;
}

/** What a field does, in one line: constant, transforms, codes, checks, default (plain text). */
export function describeField(spec: FieldSpec): string {
  const parts: string[] = [];
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (spec.value !== undefined) parts.push(`= ${show(spec.value)}`);
  const transforms = listOf(spec.transform).map(show);
  if (transforms.length) parts.push(transforms.join(' → '));
  if (spec.codes) {
    const codes = spec.codes as Record<string, unknown>;
    if (typeof codes.codeset === 'string') parts.push(`codes: ${codes.codeset}`);
    else parts.push(`codes: ${Object.keys(codes).length}`);
  }
  const checks = listOf(spec.check).map(show);
  if (checks.length) parts.push(`check: ${checks.join(', ')}`);
  if (spec.default !== undefined) parts.push(`default: ${show(spec.default)}`);
  return parts.join(' · ');
}
