import type { LocalizedText } from '../../types';
import { explainCode } from '../code/format';

/** The contract's patterns for an identifier (item keys, record keys) and for a resource code (related codes). */
const IDENTIFIER = '^[A-Za-z_][A-Za-z0-9_]*$';
const RESOURCE_CODE = '^[0-9]{6,}/[0-9]+$';

/** What in an identifier breaks `^[A-Za-z_][A-Za-z0-9_]*$`: its first character, or the first one not allowed. */
function identifierDefect(value: string): LocalizedText | undefined {
  if (value === '') return { zh: '为空', en: 'it is empty' };
  const chars = [...value];
  if (/^[0-9]$/.test(chars[0]!))
    return {
      zh: `以数字「${chars[0]}」开头，须以字母或下划线开头`,
      en: `it starts with the digit "${chars[0]}"; it must start with a letter or _`,
    };
  const at = chars.findIndex((c) => !/^[A-Za-z0-9_]$/.test(c));
  if (at < 0) return undefined;
  const shown = chars[at] === ' ' ? '空格' : chars[at];
  return {
    zh: `第 ${at + 1} 个字符「${shown}」不允许（只能用字母、数字和下划线）`,
    en: `character ${at + 1} ${chars[at] === ' ' ? 'is a space, which' : `"${chars[at]}"`} is not allowed (letters, digits and _ only)`,
  };
}

/**
 * The defect in a value that fails one of the contract's patterns people know (identifiers, resource codes), as
 * a phrase to follow the "does not match" message; undefined for other patterns.
 */
export function patternDefect(pattern: string, value: string): LocalizedText | undefined {
  if (pattern === IDENTIFIER) return identifierDefect(value);
  if (pattern === RESOURCE_CODE) return explainCode(value);
  return undefined;
}
