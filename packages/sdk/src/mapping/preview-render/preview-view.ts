import type { PreviewResult } from '../preview';
import type { FieldMapping } from '../types';

export type Lang = 'zh' | 'en';

/** Everything a mapping preview shows, whatever renders it (the editor's webview, `unsilo map preview`). */
export interface PreviewView {
  lang: Lang;
  /** Path of the mapping file as the user knows it (workspace- or cwd-relative). */
  mappingPath: string;
  mapping?: FieldMapping;
  resource?: string;
  entry?: { name?: string; path: string; items: Array<{ key: string; name?: string }> };
  samplePath?: string;
  /** Why there is no result or only part of one (no sample, unreadable sample, entry missing…). */
  notices: string[];
  result?: PreviewResult;
}
