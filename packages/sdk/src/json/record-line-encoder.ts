/** A member of a flat record: what a mapping writes into a target item, and what most batches carry. */
export type JsonScalar = string | number | boolean;

/** A record of scalar members; undefined members are left out, as JSON.stringify leaves them out. */
export type FlatRecord = Readonly<Record<string, JsonScalar | undefined>>;

/**
 * Writes `JSON.stringify(record)` and a line break as UTF-8 into `target` at `offset`, the members in the order of
 * `keys` (undefined ones left out). Returns the offset after the line break, or -1 when `target` lacks room (the
 * bytes from `offset` on are then garbage). No string is built: writing the bytes straight away costs a fraction
 * of building a JSON string and encoding it.
 */
export type RecordLineEncoder = (record: FlatRecord, target: Uint8Array, offset: number) => number;

const QUOTE = 34;
const BACKSLASH = 92;
const HEX = '0123456789abcdef';
const utf8 = new TextEncoder();

/** JSON's short escapes (`\b \t \n \f \r`) by character code; other control characters are written `\u00XX`. */
const SHORT_ESCAPES: Record<number, number> = { 8: 98, 9: 116, 10: 110, 12: 102, 13: 114 };

export function recordLineEncoder(
  keys: readonly string[],
  /** false: the plain loop, as where code generation is not allowed. */
  generate = true,
): RecordLineEncoder {
  // `"key":` for each member, with the `{` or `,` before it written separately.
  const names = keys.map((k) => utf8.encode(`${JSON.stringify(k)}:`));
  return (generate ? generatedEncoder(keys, names) : undefined) ?? loopEncoder(keys, names);
}

/**
 * Where code generation is allowed, one function per mapping reads each member by name (a monomorphic load
 * on records of one shape) and stores its key's bytes as constants. Keys are embedded as JSON string literals.
 */
function generatedEncoder(keys: readonly string[], names: Uint8Array[]): RecordLineEncoder | undefined {
  if (keys.includes('__proto__') || keys.length > 500) return undefined;
  const members = keys.map((key, k) => {
    const name = names[k]!;
    const stores = Array.from(name, (byte, i) => `t[o + ${i + 1}] = ${byte};`).join(' ');
    return `v = r[${JSON.stringify(key)}];
  if (v !== undefined) {
    if (o + ${name.length + 1} > t.length) return -1;
    t[o] = first ? 123 : 44; ${stores}
    o = typeof v === 'string' ? writeString(v, t, o + ${name.length + 1}) : writeValue(v, t, o + ${name.length + 1});
    if (o < 0) return -1;
    first = false;
  }`;
  });
  const body = `return function encodeRecordLine(r, t, o) {
  let first = true;
  let v;
  ${members.join('\n  ')}
  if (o + 3 > t.length) return -1;
  if (first) t[o++] = 123;
  t[o++] = 125;
  t[o++] = 10;
  return o;
};`;
  try {
    return new Function('writeString', 'writeValue', body)(writeString, writeValue) as RecordLineEncoder;
  } catch {
    return undefined;
  }
}

function loopEncoder(keys: readonly string[], names: Uint8Array[]): RecordLineEncoder {
  return (record, target, offset) => {
    let o = offset;
    let first = true;
    for (let k = 0; k < keys.length; k++) {
      const value = record[keys[k]!];
      if (value === undefined) continue;
      const name = names[k]!;
      if (o + name.length + 1 > target.length) return -1;
      target[o++] = first ? 123 : 44;
      first = false;
      for (let i = 0; i < name.length; i++) target[o++] = name[i]!;
      o = writeValue(value, target, o);
      if (o < 0) return -1;
    }
    if (o + 3 > target.length) return -1;
    if (first) target[o++] = 123;
    target[o++] = 125;
    target[o++] = 10;
    return o;
  };
}

function writeValue(value: JsonScalar, target: Uint8Array, offset: number): number {
  if (typeof value === 'string') return writeString(value, target, offset);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return writeInteger(value, target, offset);
  const text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'null') : value ? 'true' : 'false';
  if (offset + text.length > target.length) return -1;
  let o = offset;
  for (let i = 0; i < text.length; i++) target[o++] = text.charCodeAt(i);
  return o;
}

/** The digits `String` writes for a safe integer (-0 as 0), without building the string. */
function writeInteger(value: number, target: Uint8Array, offset: number): number {
  let o = offset;
  let rest = value;
  if (rest < 0) {
    if (o >= target.length) return -1;
    target[o++] = 45;
    rest = -rest;
  }
  let digits = 1;
  for (let scale = 10; scale <= rest; scale *= 10) digits++;
  if (o + digits > target.length) return -1;
  for (let i = o + digits - 1; i >= o; i--) {
    target[i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return o + digits;
}

/** A JSON string literal: quotes, escapes as JSON.stringify writes them, UTF-8 for the rest. */
function writeString(s: string, target: Uint8Array, offset: number): number {
  const n = s.length;
  // Worst case per code unit: `\u00XX` (6 bytes) for a control character or a lone surrogate's `\udXXX`.
  if (offset + 6 * n + 2 > target.length) return -1;
  let o = offset;
  target[o++] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) {
        target[o++] = c;
      } else {
        target[o++] = BACKSLASH;
        const short = c === QUOTE || c === BACKSLASH ? c : SHORT_ESCAPES[c];
        if (short !== undefined) target[o++] = short;
        else o = writeUnicodeEscape(c, target, o);
      }
    } else if (c < 0x800) {
      target[o++] = 0xc0 | (c >> 6);
      target[o++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      target[o++] = 0xe0 | (c >> 12);
      target[o++] = 0x80 | ((c >> 6) & 0x3f);
      target[o++] = 0x80 | (c & 0x3f);
    } else {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        target[o++] = 0xf0 | (cp >> 18);
        target[o++] = 0x80 | ((cp >> 12) & 0x3f);
        target[o++] = 0x80 | ((cp >> 6) & 0x3f);
        target[o++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        // A lone surrogate: JSON.stringify writes it as an escape (well-formed JSON.stringify, ES2019).
        target[o++] = BACKSLASH;
        o = writeUnicodeEscape(c, target, o);
      }
    }
  }
  target[o++] = QUOTE;
  return o;
}

/** `uXXXX` in lower-case hex (the backslash is already written). */
function writeUnicodeEscape(c: number, target: Uint8Array, offset: number): number {
  let o = offset;
  target[o++] = 117;
  target[o++] = HEX.charCodeAt((c >> 12) & 15);
  target[o++] = HEX.charCodeAt((c >> 8) & 15);
  target[o++] = HEX.charCodeAt((c >> 4) & 15);
  target[o++] = HEX.charCodeAt(c & 15);
  return o;
}
