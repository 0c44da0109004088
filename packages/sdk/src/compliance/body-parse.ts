import { MAX_NESTING_DEPTH } from '../catalog/depth';

export type ParsedBody = { ok: true; value: unknown } | { ok: false; message: { zh: string; en: string } };

/** Bodies above this are not parsed for checking (the proxy refuses bodies above its own cap before). */
export const DEFAULT_PARSE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * How deeply `[` and `{` nest in JSON text, strings skipped, stopping as soon as `limit` is passed: checked
 * before `JSON.parse`, so hostile nesting costs one linear scan and no stack.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** A JSON body, with a size and a nesting limit. Bad bytes give a message, never an exception. */
export function parseJsonBody(
  body: Buffer,
  { maxBytes = DEFAULT_PARSE_LIMIT_BYTES, maxDepth = MAX_NESTING_DEPTH } = {},
): ParsedBody {
  if (body.length > maxBytes) {
    return {
      ok: false,
      message: { zh: `请求体超过 ${maxBytes} 字节`, en: `the body is larger than ${maxBytes} bytes` },
    };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  if (jsonNestsDeeperThan(text, maxDepth)) {
    return {
      ok: false,
      message: { zh: `JSON 嵌套超过 ${maxDepth} 层`, en: `the JSON nests deeper than ${maxDepth} levels` },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: { zh: '请求体不是合法的 JSON', en: 'the body is not valid JSON' } };
  }
}

/** An `application/x-www-form-urlencoded` body as an object (first value of each name), for issueToken. */
export function parseFormBody(body: Buffer): ParsedBody {
  const form: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    if (!(name in form)) form[name] = value;
  }
  return { ok: true, value: form };
}
