import { defineRule } from '../../rule';

export const MIN_SUMMARY_LENGTH = 10;

/** Characters as people count them: a surrogate pair (a rare CJK character, an emoji) is one. */
export function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

export const rule = defineRule({
  id: 'summary/too-short',
  severity: 'warning',
  description: {
    zh: '摘要少于 10 个字或与名称相同',
    en: 'summary shorter than 10 characters or equal to the name',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    const summary = file.string(['summary'])?.trim();
    if (!summary || summary === 'TODO') return;
    const name = file.string(['name'])?.trim();
    if (name && summary === name) {
      report({
        at: ['summary'],
        message: {
          zh: '摘要与资源名称相同，请概述资源包含的内容',
          en: 'the summary repeats the name; describe what the resource holds',
        },
      });
      return;
    }
    const length = codePoints(summary);
    if (length >= MIN_SUMMARY_LENGTH) return;
    report({
      at: ['summary'],
      message: {
        zh: `摘要只有 ${length} 个字，至少应有 ${MIN_SUMMARY_LENGTH} 个字`,
        en: `the summary has ${length} characters; write at least ${MIN_SUMMARY_LENGTH}`,
      },
    });
  },
});
