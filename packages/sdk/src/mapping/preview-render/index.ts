import { emptyPreviewResult } from '../preview';
import { type PreviewHtmlOptions, renderPreviewHtml } from './preview-html';
import { renderPreviewText } from './preview-text';
import type { PreviewView } from './preview-view';

export { formatMappingDiagnostic } from './diagnostic-text';
export { type PreviewHtmlOptions, renderPreviewHtml } from './preview-html';
export { renderPreviewText } from './preview-text';
export type { Lang, PreviewView } from './preview-view';

/** How to render a preview: `html` (the editor's webview, a page on disk), `json` (the result) or `text`. */
export type PreviewFormat =
  | ({ format: 'html' } & PreviewHtmlOptions)
  | { format: 'json' }
  | { format: 'text' };

/** A mapping preview in the format asked for; the one renderer of the editor and `unsilo map preview`. */
export function renderPreview(view: PreviewView, how: PreviewFormat): string {
  if (how.format === 'html') return renderPreviewHtml(view, how);
  if (how.format === 'json') return `${JSON.stringify(view.result ?? emptyPreviewResult(), null, 2)}\n`;
  return renderPreviewText(view);
}
