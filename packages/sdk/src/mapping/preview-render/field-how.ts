import { escapeHtml } from '../../html/escape-html';
import { listOf } from '../field-spec';
import type { CheckSpec, CodesSpec, FieldSpec, TransformSpec } from '../types';
import type { PreviewStringKey } from './preview-strings';

type Say = (key: PreviewStringKey) => string;

const code = (v: unknown) => `<code>${escapeHtml(v)}</code>`;

/** Anything the shapes below do not know, as compact text (a newer mapping schema, say). */
const other = (v: unknown) => code(typeof v === 'string' ? v : JSON.stringify(v));

/**
 * What a field does, as HTML a reader takes in at a glance: constant, transforms in order (a date rule as its
 * formats), codes (a table as legacy → national), checks, default.
 */
export function describeFieldHtml(spec: FieldSpec, s: Say): string {
  const parts: string[] = [];
  if (spec.value !== undefined) parts.push(`${s('constant')} ${code(spec.value)}`);
  const transforms = listOf(spec.transform).map((t) => transformHtml(t, s));
  if (transforms.length) parts.push(transforms.join(' → '));
  const checks = listOf(spec.check).map(checkHtml);
  if (checks.length) parts.push(`${s('check')}: ${checks.join(', ')}`);
  if (spec.default !== undefined) parts.push(`${s('defaultValue')} ${code(spec.default)}`);
  const line = parts.join(' · ');
  // The code table last, under the line: it is a block.
  return spec.codes === undefined ? line : `${line}${line ? '<br>' : ''}${codesHtml(spec.codes, s)}`;
}

function transformHtml(t: TransformSpec, s: Say): string {
  if (typeof t === 'string') return escapeHtml(t);
  if ('date' in t) return `${s('dateFormats')} ${listOf(t.date).map(code).join(' | ')}`;
  if ('replace' in t) {
    const { pattern, with: by, flags } = t.replace;
    return `replace ${code(`/${pattern}/${flags ?? 'g'}`)} → ${code(by)}`;
  }
  if ('default' in t) return `${s('defaultValue')} ${code(t.default)}`;
  if ('number' in t)
    return t.number.decimalSeparator ? `number (${code(t.number.decimalSeparator)})` : 'number';
  return other(t);
}

function codesHtml(codes: CodesSpec, s: Say): string {
  if (codes === 'identity') return `${s('codeset')}: ${s('identity')}`;
  if (typeof codes.codeset === 'string') {
    const by = codes.by === 'code' ? s('byCode') : s('byName');
    return `${s('codeset')} ${code(codes.codeset)} (${by})`;
  }
  const rows = Object.entries(codes as Record<string, string>)
    .map(([legacy, national]) => `<tr><td>${escapeHtml(legacy)}</td><td>${escapeHtml(national)}</td></tr>`)
    .join('');
  return `<table class="code-table"><thead><tr><th>${s('legacyCode')}</th><th>${s('nationalCode')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function checkHtml(c: CheckSpec): string {
  if (typeof c === 'string') return escapeHtml(c);
  if ('length' in c) {
    const { length } = c;
    return typeof length === 'number' ? `length ${length}` : `length ${length.min ?? 0}–${length.max ?? '∞'}`;
  }
  if ('pattern' in c) return `pattern ${code(c.pattern)}`;
  return other(c);
}
