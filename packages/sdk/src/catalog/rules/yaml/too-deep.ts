import { MAX_NESTING_DEPTH, TOO_DEEP_RULE } from '../../depth';
import { defineRule } from '../../rule';

/** Reported by the parser itself (see parse.ts and depth.ts); the rule is here so it is documented and listed. */
export const rule = defineRule({
  id: TOO_DEEP_RULE,
  severity: 'error',
  description: {
    zh: `嵌套层级超过 ${MAX_NESTING_DEPTH} 层的文件被拒绝，不再解析（防止恶意的深层嵌套耗尽栈空间）`,
    en: `a file nesting maps and lists deeper than ${MAX_NESTING_DEPTH} levels is refused unread (deep nesting must not exhaust the stack)`,
  },
  hasFix: false,
  scope: 'file',
  check() {},
});
