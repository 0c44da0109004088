import type { Range } from '@unsilo/sdk/catalog';
import { displayWidth, type Palette } from './terminal';

/**
 * The offending line with a little context and carets under the range, as ESLint's code frame shows it.
 * Carets are placed by display width, so they line up under Chinese text.
 */
export function codeFrame(text: string, range: Range, colors: Palette, context = 2): string {
  const lines = text.split(/\r?\n/);
  const line = range.start.line;
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + Math.min(context, 1));
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const source = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    const marker = n === line ? colors.red('>') : ' ';
    const number = String(n).padStart(gutter);
    out.push(`${marker} ${colors.dim(`${number} |`)}${source ? ` ${source}` : ''}`);
    if (n === line) {
      const raw = lines[n - 1] ?? '';
      const before = raw.slice(0, range.start.column - 1);
      const endColumn = range.end.line === line ? range.end.column : raw.length + 1;
      const marked = raw.slice(range.start.column - 1, Math.max(range.start.column, endColumn) - 1) || ' ';
      const pad = ' '.repeat(displayWidth(before.replace(/\t/g, '  ')));
      const carets = '^'.repeat(Math.max(1, displayWidth(marked)));
      out.push(`  ${' '.repeat(gutter)} ${colors.dim('|')} ${pad}${colors.red(carets)}`);
    }
  }
  return out.join('\n');
}
