import { jsonNestsDeeperThan, MAX_NESTING_DEPTH } from '@unsilo/sdk/catalog';
import { Problem } from '../problems/problem';
import { isPrototypeKey } from './prototype-keys';
import { utf8Text } from './utf8';

/**
 * Deepest nesting of arrays and objects a JSON body may have: the catalogue's own limit (a catalogue entry needs a
 * handful of levels), so that whatever the exchange accepts, the linter and the CLI read too.
 */
const maxJsonDepth = MAX_NESTING_DEPTH;

/**
 * A JSON body, in this order: its bytes UTF-8, its depth bounded (by a scan of the text), then parsed with every
 * `__proto__`, `constructor` and `prototype` member refused wherever it is — also when spelled with `\u` escapes.
 * Each refusal is a 400 problem; the size is bounded before this, when the body is read (413).
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  const text = utf8Text(bytes);
  if (jsonNestsDeeperThan(text, maxJsonDepth)) {
    throw new Problem('request.too_deep', `The JSON body has nesting deeper than ${maxJsonDepth} levels`, {
      zh: `JSON 请求体嵌套层级超过 ${maxJsonDepth} 层`,
    });
  }
  try {
    // The reviver costs a call per value: only bodies that could name a prototype key pay for it.
    return JSON.parse(text, mayNamePrototypeKey.test(text) ? refusePrototypeKeys : undefined);
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw new Problem('request.invalid', `The body is not valid JSON: ${(error as Error).message}`, {
      zh: '请求体不是有效的 JSON',
    });
  }
}

/** Text that may contain a prototype key: the names themselves, or `\u` escapes that could spell one. */
const mayNamePrototypeKey = /__proto__|constructor|prototype|\\u/;

function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (isPrototypeKey(key)) {
    throw new Problem('request.invalid', `The body may not contain a member named "${key}"`, {
      zh: `请求体不得包含名为“${key}”的成员`,
    });
  }
  return value;
}
