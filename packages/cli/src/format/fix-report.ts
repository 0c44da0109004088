import type { Lang } from '@unsilo/sdk/catalog';

/** One edit `unsilo lint --fix` made (or, with `--dry-run`, would make). */
export interface FixEdit {
  file: string;
  /** 1-based line of the edit in the text it was made on. */
  line: number;
  rule: string;
  before: string;
  after: string;
}

/** One line per edit, `file:line rule: before → after`, then how many were written. */
export function formatFixEdits(edits: readonly FixEdit[], options: { lang: Lang; written: boolean }): string {
  const lines = edits.map(
    (edit) => `${edit.file}:${edit.line} ${edit.rule}: ${shown(edit.before)} → ${shown(edit.after)}`,
  );
  const count = edits.length;
  if (options.lang === 'zh') {
    lines.push(options.written ? `已写入 ${count} 处修改` : `未写入 ${count} 处修改（--dry-run）`);
  } else {
    const noun = `${count} edit${count === 1 ? '' : 's'}`;
    lines.push(options.written ? `${noun} written` : `${noun} not written (--dry-run)`);
  }
  return `${lines.join('\n')}\n`;
}

/** Text of an edit on one line: an insertion's line breaks and indentation fold into " ⏎ ". */
function shown(text: string): string {
  const folded = text.trim().replace(/\s*\n\s*/g, ' ⏎ ');
  return folded === '' ? '∅' : folded;
}
