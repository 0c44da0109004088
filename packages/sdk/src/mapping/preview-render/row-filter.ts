import type { PreviewResult } from '../preview';
import type { PreviewStringKey } from './preview-strings';

type Say = (key: PreviewStringKey) => string;

const FILTERS = [
  { id: 'all', label: 'filterAll' },
  { id: 'rejected', label: 'filterRejected' },
  { id: 'warnings', label: 'filterWarnings' },
] as const;

/**
 * The filter at the top of the page: all / rejected / warnings. Radio inputs, siblings before `<main>`, and
 * `:checked ~ main` rules (FILTER_STYLE) do the filtering: no script, so it works under the editor webview's
 * strict Content-Security-Policy and in a page saved to disk alike.
 */
export function rowFilter(result: PreviewResult, s: Say): string {
  const counts = {
    all: result.summary.read,
    rejected: result.summary.rejected,
    warnings: result.warningRowCount,
  };
  const inputs = FILTERS.map(
    (f) =>
      `<input type="radio" name="row-filter" id="filter-${f.id}"${f.id === 'all' ? ' checked' : ''} class="filter-input">`,
  );
  const labels = FILTERS.map((f) => `<label for="filter-${f.id}">${s(f.label)} (${counts[f.id]})</label>`);
  return `${inputs.join('\n')}\n<nav class="row-filter" aria-label="${s('show')}"><span class="muted">${s('show')}:</span> ${labels.join(' ')}</nav>`;
}

/** Hidden under "rejected": what is not about rejected rows; under "warnings": what is not about warnings. */
const HIDDEN = {
  rejected: ['#warnings', '#coverage', '#fields', '#samples-table tbody tr:not([data-status="rejected"])'],
  warnings: ['#rejects', '#uncovered', '#coverage', '#fields', '#samples-table tbody tr:not([data-warned])'],
};

const hide = (id: keyof typeof HIDDEN) => HIDDEN[id].map((sel) => `#filter-${id}:checked ~ main ${sel}`);

const chosen = FILTERS.map((f) => `#filter-${f.id}:checked ~ .row-filter label[for="filter-${f.id}"]`);
const focused = FILTERS.map((f) => `#filter-${f.id}:focus-visible ~ .row-filter label[for="filter-${f.id}"]`);

/**
 * The filter's look (labels as a segmented control, the radios out of sight but focusable) and its rules. The
 * samples section, when none of its rows is of the kind chosen, goes too: `:has()` in rules of their own, so a
 * browser without it still filters the rows.
 */
export const FILTER_STYLE = `.filter-input { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
.row-filter { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background, #fff); padding: 6px 0; }
.row-filter label { display: inline-block; padding: 2px 10px; border: 1px solid var(--vscode-panel-border, #ccc); border-radius: 3px; cursor: pointer; }
${chosen.join(',\n')} { color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #0e639c); border-color: transparent; }
${focused.join(',\n')} { outline: 1px solid var(--vscode-focusBorder, #0e639c); outline-offset: 1px; }
${[...hide('rejected'), ...hide('warnings')].join(',\n')} { display: none; }
#filter-rejected:checked ~ main #rows:not(:has(tr[data-status="rejected"])) { display: none; }
#filter-warnings:checked ~ main #rows:not(:has(tr[data-warned])) { display: none; }`;
