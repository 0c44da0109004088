import { escapeHtml } from '../../html/escape-html';
import {
  coverageSection,
  diagnosticsSection,
  fieldsSection,
  headerSection,
  noticesSection,
  sampleSections,
  sayIn,
} from './preview-sections';
import type { PreviewView } from './preview-view';
import { FILTER_STYLE, rowFilter } from './row-filter';

export interface PreviewHtmlOptions {
  /** Per-render random nonce: only the page's own style (and script) run. */
  nonce: string;
  /** Rows shown before/after (the summary still counts them all; default 50). */
  rowLimit?: number;
  /**
   * The editor's page: a "choose a sample file" button and the script that tells the extension (default
   * false: a page with no script at all, as `unsilo map preview --format html` writes).
   */
  samplePicker?: boolean;
}

const STYLE = `body { font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #222); background: var(--vscode-editor-background, #fff); padding: 0 16px 24px; }
h1 { font-size: 1.2em; } h2 { font-size: 1.05em; margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { border: 1px solid var(--vscode-panel-border, #ccc); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background, #f3f3f3); }
.muted { opacity: .65; } .warn, .warning { color: var(--vscode-editorWarning-foreground, #b58900); }
.error, .rejected { color: var(--vscode-errorForeground, #c00); }
meter { width: 160px; vertical-align: middle; }
button { color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #0e639c); border: 0; padding: 3px 10px; cursor: pointer; }
.table-scroll { overflow-x: auto; max-width: 100%; }
#samples-table { width: auto; min-width: 100%; }
#samples-table th, #samples-table td.value, #samples-table td.row-number { white-space: nowrap; }
#samples-table td.value.error, tr[data-status="rejected"] td.row-number { color: var(--vscode-errorForeground, #c00); }
tr[data-status="replaced"] td.value { opacity: .65; }
.item-key { opacity: .65; font-weight: normal; }
.reason-text { overflow-wrap: anywhere; min-width: 10em; max-width: 36em; }
#rejects td:last-child, #warnings td:last-child { min-width: 10em; max-width: 36em; overflow-wrap: anywhere; }
.code-table { width: auto; margin: 2px 0; } .code-table th, .code-table td { padding: 1px 6px; }
${FILTER_STYLE}`;

const PICKER_SCRIPT = `(function () {
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const pick = document.getElementById('pick-sample');
  if (pick && vscode) pick.addEventListener('click', function () { vscode.postMessage({ type: 'pickSample' }); });
})();`;

/**
 * The preview page, the one renderer of the editor's webview and `unsilo map preview --format html`. Pure: the
 * same input gives the same page. Every value that reaches it is escaped (sample data is untrusted input); the
 * Content-Security-Policy allows nothing but the page's own nonce'd style (and script); nothing remote.
 */
export function renderPreviewHtml(view: PreviewView, options: PreviewHtmlOptions): string {
  const { lang, result } = view;
  const s = sayIn(lang);
  const nonce = escapeHtml(options.nonce);
  const picker = options.samplePicker === true;
  const top = [headerSection(view, s, picker)];
  const sections: string[] = [];
  if (view.notices.length) sections.push(noticesSection(view.notices));
  if (result?.diagnostics.length) sections.push(diagnosticsSection(result, s, lang));
  // What the user acts on first: counts, rejects with reasons, uncovered codes, warnings; then the samples and,
  // for reference, what each field does.
  const sample =
    result && result.summary.read > 0 ? sampleSections(view, result, s, options.rowLimit ?? 50) : undefined;
  // The filter heads the page; its radios precede <main>, whose rows their `:checked` rules show or hide.
  if (result && sample) top.push(rowFilter(result, s));
  if (sample) sections.push(sample.summary);
  if (result?.coverage) sections.push(coverageSection(result.coverage, s));
  if (sample) sections.push(...sample.issues, sample.rows);
  if (view.mapping) sections.push(fieldsSection(view, s));

  const script = picker ? `'nonce-${nonce}'` : `'none'`;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src ${script}; img-src data:; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${s('title')}</title>
<style nonce="${nonce}">
${STYLE}
</style>
</head>
<body>
${top.join('\n')}
<main>
${sections.join('\n')}
</main>
${picker ? `<script nonce="${nonce}">\n${PICKER_SCRIPT}\n</script>\n` : ''}</body>
</html>
`;
}
