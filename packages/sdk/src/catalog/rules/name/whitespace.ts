import { replaceValueEdit, yamlScalar } from '../../edits';
import { defineRule } from '../../rule';
import type { EntryPath } from '../../types';
import { hasWhitespace } from '../../whitespace';
import { itemsOf } from '../support';

/** Full-width spaces are padding typed by IMEs: removed; runs of spaces collapse to one; both ends trimmed. */
export function tidyName(name: string): string {
  return name
    .replace(/\u3000/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function problemOf(name: string): { zh: string; en: string } | undefined {
  // Every problem below needs white space: most names have none, and are settled without a regex.
  if (!hasWhitespace(name)) return undefined;
  if (name.includes('\u3000')) return { zh: '含有全角空格', en: 'contains a full-width space' };
  if (/^\s|\s$/.test(name)) return { zh: '首尾有空格', en: 'has leading or trailing spaces' };
  if (/\s{2,}/.test(name)) return { zh: '含有连续空格', en: 'contains consecutive spaces' };
  if (/\t/.test(name)) return { zh: '含有制表符', en: 'contains a tab' };
  return undefined;
}

export const rule = defineRule({
  id: 'name/whitespace',
  severity: 'warning',
  description: {
    zh: '名称首尾有空格、含连续空格或全角空格',
    en: 'leading/trailing/double spaces or full-width spaces in a name',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    const paths: EntryPath[] = [['name'], ['provider', 'name']];
    for (const { index } of itemsOf(file)) paths.push(['items', index, 'name']);
    for (const path of paths) {
      const name = file.string(path);
      if (name === undefined) continue;
      const problem = problemOf(name);
      if (!problem) continue;
      const tidy = tidyName(name);
      const edit = replaceValueEdit(file, path, yamlScalar(tidy));
      report({
        at: path,
        message: {
          zh: `名称「${name}」${problem.zh}`,
          en: `the name "${name}" ${problem.en}`,
        },
        fixes: edit ? [{ title: { zh: `改为「${tidy}」`, en: `Change to "${tidy}"` }, edits: [edit] }] : [],
      });
    }
  },
});
