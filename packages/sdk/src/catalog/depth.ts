import type { LocalizedText } from './types';

/**
 * How deeply maps and lists may nest in a catalogue entry. A real entry needs four levels (the entry, `items`,
 * one item, its `check` list); 64 is generous, and small enough that no parser or rule ever walks deep enough
 * to exhaust the stack. The exchange refuses deeper JSON bodies with the same limit.
 */
export const MAX_NESTING_DEPTH = 64;

/** The rule id of the finding, reported by the parser like `yaml/syntax`. */
export const TOO_DEEP_RULE = 'yaml/too-deep';

export const tooDeepMessage: LocalizedText = {
  zh: `嵌套层级超过 ${MAX_NESTING_DEPTH} 层，文件被拒绝（目录条目只需几层）`,
  en: `nesting deeper than ${MAX_NESTING_DEPTH} levels; the file is refused (a catalogue entry needs a handful)`,
};

/**
 * Whether maps and lists nest more than `limit` deep in a plain value (the top-level map is level 1). Walks
 * with its own stack, depth first, so it stops at the first branch that is too deep — even in a value whose
 * aliases make it cyclic.
 */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Whether a JSON text nests objects and arrays deeper than `limit` (the outer object is level 1), found before
 * it is parsed by one pass that only tracks strings and brackets: it allocates nothing and never recurses, so a
 * line of a million brackets never reaches `JSON.parse`, and whatever walks the parsed value (schemas, the
 * linter, hashing) can rely on a bounded depth. Used for NDJSON lines and for the exchange's JSON bodies. Most
 * texts have fewer openers than the limit in all, which two native scans show without reading every character.
 */
export function jsonNestsDeeperThan(text: string, limit = MAX_NESTING_DEPTH): boolean {
  if (countUpTo(text, '{', limit + 1) + countUpTo(text, '[', limit + 1) <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** Occurrences of `char` in `text`, counting no further than `most`. */
function countUpTo(text: string, char: string, most: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1 && count < most; i = text.indexOf(char, i + 1)) count++;
  return count;
}
