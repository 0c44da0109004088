import { escapeHtml } from '../../html/escape-html';
import type { Coverage } from '../coverage';
import type { PreviewResult } from '../preview';
import { describeFieldHtml } from './field-how';
import { diagnosticItem, htmlTable } from './html-parts';
import { rejectsSection, uncoveredSection, warningsSection } from './issue-sections';
import { type PreviewStringKey, previewStrings } from './preview-strings';
import type { Lang, PreviewView } from './preview-view';
import { samplesTable } from './samples-table';

type Say = (key: PreviewStringKey) => string;

export const sayIn =
  (lang: Lang): Say =>
  (key) =>
    previewStrings[key][lang];

const codes = (keys: readonly string[]) => keys.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ');

/** Title, target entry, sample file (and, in the editor, the button that picks another). */
export function headerSection(view: PreviewView, s: Say, samplePicker: boolean): string {
  const entryLine = view.entry
    ? `${s('entry')}: <code>${escapeHtml(view.resource)}</code> ${escapeHtml(view.entry.name ?? '')} <span class="muted">(${escapeHtml(view.entry.path)})</span>`
    : view.resource
      ? `${s('entry')}: <code>${escapeHtml(view.resource)}</code>`
      : '';
  const sample = view.samplePath
    ? `<code id="sample-path">${escapeHtml(view.samplePath)}</code>`
    : `<span class="muted">${s('none')}</span>`;
  const picker = samplePicker ? ` <button id="pick-sample" type="button">${s('pickSample')}</button>` : '';
  return (
    `<header><h1>${s('title')}: ${escapeHtml(view.mappingPath)}</h1><p>${entryLine}</p>` +
    `<p>${s('sample')}: ${sample}${picker}</p></header>`
  );
}

export function noticesSection(notices: readonly string[]): string {
  return `<section class="notices"><ul>${notices.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`;
}

export function diagnosticsSection(result: PreviewResult, s: Say, lang: Lang): string {
  return `<section id="diagnostics"><h2>${s('diagnostics')}</h2><ul>${result.diagnostics.map((d) => diagnosticItem(d, lang)).join('')}</ul></section>`;
}

/** Source column → target item, with what each field does. */
export function fieldsSection(view: PreviewView, s: Say): string {
  const names = new Map(view.entry?.items.map((i) => [i.key, i.name]) ?? []);
  const rows = Object.entries(view.mapping?.fields ?? {}).map(([target, spec]) => {
    const from = spec?.from === undefined ? '' : Array.isArray(spec.from) ? spec.from.join(' + ') : spec.from;
    const name = names.get(target);
    return [
      escapeHtml(from),
      `<code>${escapeHtml(target)}</code>${name ? ` ${escapeHtml(name)}` : ''}`,
      spec ? describeFieldHtml(spec, s) : '',
    ];
  });
  return `<section id="fields"><h2>${s('source')} → ${s('target')}</h2>${htmlTable([s('source'), s('target'), s('how')], rows)}</section>`;
}

export function coverageSection(coverage: Coverage, s: Say): string {
  const pct = coverage.total ? Math.round((coverage.mapped / coverage.total) * 100) : 100;
  const missing: string[] = [];
  if (coverage.unmappedRequired.length)
    missing.push(`<p class="warn">${s('unmappedRequired')}: ${codes(coverage.unmappedRequired)}</p>`);
  if (coverage.unmappedKeys.length)
    missing.push(`<p class="warn">${s('unmappedKeys')}: ${codes(coverage.unmappedKeys)}</p>`);
  const unmapped = coverage.items
    .filter((i) => !i.mapped)
    .map((i) => `<code>${escapeHtml(i.key)}</code>${i.name ? ` ${escapeHtml(i.name)}` : ''}`);
  return (
    `<section id="coverage"><h2>${s('coverage')}</h2><p><meter min="0" max="${coverage.total}" value="${coverage.mapped}"></meter> ` +
    `<strong id="coverage-figure">${coverage.mapped}/${coverage.total}</strong> ${s('mappedItems')} (${pct}%)</p>${missing.join('')}` +
    (unmapped.length ? `<p class="muted">${unmapped.join(' · ')}</p>` : '') +
    `</section>`
  );
}

/**
 * What the sample gave, in the order the user acts on it: the counts, then (after the coverage) rejected rows
 * with their reasons, uncovered legacy codes with their rows and rows with warnings, then the rows before/after.
 */
export function sampleSections(
  view: PreviewView,
  result: PreviewResult,
  s: Say,
  limit: number,
): { summary: string; issues: string[]; rows: string } {
  const { lang } = view;
  const issues = [
    rejectsSection(result, s, lang),
    uncoveredSection(result, s),
    warningsSection(result, s, lang),
  ];
  return {
    summary: summarySection(result, s),
    issues: issues.filter(Boolean),
    rows: rowsSection(view, result, s, limit),
  };
}

function summarySection(result: PreviewResult, s: Say): string {
  const sum = result.summary;
  return (
    `<section id="summary"><h2>${s('summary')}</h2><p>${s('read')} <strong>${sum.read}</strong> · ${s('accepted')} <strong>${sum.accepted}</strong> · ` +
    `${s('rejected')} <strong id="rejected-count">${sum.rejected}</strong> · ` +
    (sum.replaced ? `${s('replaced')} <strong id="replaced-count">${sum.replaced}</strong> · ` : '') +
    `${s('warnings')} <strong>${sum.warnings}</strong></p></section>`
  );
}

function rowsSection(view: PreviewView, result: PreviewResult, s: Say, limit: number): string {
  const shown = result.rows.slice(0, limit);
  return (
    `<section id="rows"><h2>${s('rows')} <span class="muted">(${escapeHtml(s('shown').replace('{n}', String(shown.length)))})</span></h2>` +
    samplesTable(view, shown, s) +
    `</section>`
  );
}
