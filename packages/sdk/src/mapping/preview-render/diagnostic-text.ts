import type { MappingDiagnostic } from '../types';
import type { Lang } from './preview-view';

/** `file:line:column severity code message`, the way the CLI prints a mapping diagnostic. */
export function formatMappingDiagnostic(file: string, d: MappingDiagnostic, lang: Lang): string {
  const at = d.range ? `:${d.range.start.line}:${d.range.start.column}` : '';
  return `${file}${at} ${d.severity} ${d.code} ${lang === 'zh' ? d.zh : d.message}`;
}
