import { defineRule } from '../../rule';

/** Reported by the parser itself (see parse.ts); the rule is here so it can be configured and documented. */
export const rule = defineRule({
  id: 'yaml/syntax',
  severity: 'error',
  description: {
    zh: '文件不是有效的 YAML（报告出错位置，检查器不会崩溃）',
    en: 'the file is not valid YAML (reported with its position; the linter never crashes)',
  },
  hasFix: false,
  scope: 'file',
  check() {},
});
