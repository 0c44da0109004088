// One concern, kept in one file over the 400-line limit: the fast path parser of catalogue YAML. Its state (the
// line offsets, the position, the depth, the plain value of the node read last) lives in one class whose methods
// call each other per character and per line; split across modules they would pass that state around or reach
// it through another object, on the hottest path of `unsilo lint` and the editor (guarded by `npm run bench --
// lint`). The character and scalar tables at the top are its vocabulary, not a second concern.
import { MAX_NESTING_DEPTH } from './depth';
import { StringTable } from './string-table';
import { isWhitespace } from './whitespace';
import type { YamlMap, YamlNode, YamlPair, YamlScalar, YamlSeq } from './yaml-ast';

const NO_STRINGS = new StringTable([]);

/**
 * A fast parser for the plain YAML catalogue files are written in: block maps and sequences, one-line flow
 * collections, plain and quoted one-line scalars, comments. It returns undefined for anything else
 * (anchors, tags, block scalars, multi-line values, tabs, CRLF, duplicate keys, syntax errors…), and the
 * caller then uses the complete `yaml` parser — so results never differ, only speed does.
 */
class Unsupported extends Error {}

const fail = (): never => {
  throw new Unsupported();
};

const SPACE = 0x20;
const QUOTE_DOUBLE = 0x22;
const HASH = 0x23;
const QUOTE_SINGLE = 0x27;
const COMMA = 0x2c;
const DASH = 0x2d;
const COLON = 0x3a;
const QUESTION = 0x3f;
const BRACKET_OPEN = 0x5b;
const BACKSLASH = 0x5c;
const BRACKET_CLOSE = 0x5d;
const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;

/** Character codes below 128 that cannot start a plain key, or (the second set) a value the fast parser reads. */
const NOT_A_KEY_START = codeSet('[{]},#&*!|>%@`?');
const NOT_A_VALUE_START = codeSet('&*!|>%@`#');

function codeSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

const CORE_NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const CORE_TRUE = new Set(['true', 'True', 'TRUE']);
const CORE_FALSE = new Set(['false', 'False', 'FALSE']);
const INT = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?$/;

/** The value the YAML 1.2 core schema gives a plain scalar. */
function resolvePlain(text: string): unknown {
  // Most values start with a letter or a CJK character and are strings: decide without any regex.
  const first = text.charCodeAt(0);
  const lower = first | 0x20;
  if (first > 0x7f || (lower >= 0x61 && lower <= 0x7a && lower !== 0x66 && lower !== 0x6e && lower !== 0x74))
    return text;
  // The words of the core schema start with n, t, f (any case) or ~, or are empty.
  if (text.length === 0 || first === 0x7e || lower === 0x66 || lower === 0x6e || lower === 0x74) {
    if (CORE_NULL.has(text)) return null;
    if (CORE_TRUE.has(text)) return true;
    if (CORE_FALSE.has(text)) return false;
  }
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  // Octal and hexadecimal start with 0; infinities and not-a-number with a sign or a dot.
  if (first === 0x30 && (/^0o[0-7]+$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text))) fail();
  if (
    (first === 0x2b || first === 0x2d || first === 0x2e) &&
    /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(text)
  )
    fail();
  return text;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

export function parseFastYaml(text: string, strings?: StringTable): YamlNode | null | undefined {
  return parseFastYamlValue(text, strings)?.root;
}

/**
 * The tree and the plain value (what `toPlain` makes of the tree), read in one go; undefined as above.
 * Scalars found in `strings` share its copy.
 */
export function parseFastYamlValue(
  text: string,
  strings: StringTable = NO_STRINGS,
): { root: YamlNode | null; value: unknown } | undefined {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    const parser = new FastParser(text, strings);
    const root = parser.document();
    return { root, value: root ? parser.plain : null };
  } catch (error) {
    if (error instanceof Unsupported || error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Reads character codes, never one-character strings (each of which, for a Chinese character, would be a
 * new string), and keeps its lines as three arrays of offsets rather than an object per line.
 */
class FastParser {
  /** Per content line (blank and comment-only lines left out): where it starts… */
  private readonly starts: number[] = [];
  /** …its first non-space character (the indent is the difference)… */
  private readonly contents: number[] = [];
  /** …and the end of its content, before a comment and trailing spaces. */
  private readonly ends: number[] = [];
  private index = 0;
  /** Where the flow collection or flow value read last ends (with the spaces after it). */
  private flowNext = 0;
  /** The plain value of the node read last: every method that returns a node sets it. */
  plain: unknown = null;
  /**
   * How many maps and sequences are open. Deeper than MAX_NESTING_DEPTH is left to the complete parser,
   * which refuses it: a flow line of 100,000 brackets must not cost this parser its stack.
   */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly strings: StringTable,
  ) {
    let start = 0;
    // The next `#` at or after the current line: lines before it need no scan for a comment.
    let hash = text.indexOf('#');
    while (start <= text.length) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) newline = text.length;
      let content = start;
      while (content < newline && text.charCodeAt(content) === SPACE) content++;
      if (content < newline && text.charCodeAt(content) !== HASH) {
        // Document markers: `---` is fine once, before everything else; `...` ends the document.
        if (
          content === start &&
          ((text.startsWith('---', start) && this.starts.length > 0) || text.startsWith('...', start))
        )
          fail();
        this.starts.push(start);
        this.contents.push(content);
        if (hash !== -1 && hash < content) hash = text.indexOf('#', content);
        this.ends.push(
          hash === -1 || hash >= newline ? this.trimEnd(content, newline) : this.contentEnd(content, newline),
        );
      }
      if (newline === text.length) break;
      start = newline + 1;
    }
  }

  /**
   * End of a line's content: a `#` after a space starts a comment (outside quotes, which are checked later).
   * Only the space and the tab separate in YAML (a full-width space does not); tabs never get here.
   */
  private contentEnd(from: number, lineEnd: number): number {
    const text = this.text;
    let end = lineEnd;
    let quote = 0;
    for (let i = from; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) {
          if (quote === QUOTE_SINGLE && text.charCodeAt(i + 1) === QUOTE_SINGLE) i++;
          else quote = 0;
        } else if (c === BACKSLASH && quote === QUOTE_DOUBLE) i++;
      } else if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) {
        const before = text.charCodeAt(i - 1);
        if (
          i === from ||
          before === SPACE ||
          before === BRACKET_OPEN ||
          before === BRACE_OPEN ||
          before === COMMA
        )
          quote = c;
      } else if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
    }
    while (end > from && text.charCodeAt(end - 1) === SPACE) end--;
    return end;
  }

  private indentOf(line: number): number {
    return this.contents[line]! - this.starts[line]!;
  }

  document(): YamlNode | null {
    if (this.starts.length === 0) return null;
    const first = this.contents[0]!;
    if (this.text.startsWith('---', first)) {
      // `--- value` puts the document on the marker's line: left to the complete parser.
      if (this.ends[0]! - first !== 3) fail();
      this.index++;
      if (this.index === this.starts.length) return null;
    }
    if (this.indentOf(this.index) !== 0) fail();
    const node = this.block(0);
    if (this.index !== this.starts.length) fail();
    return node;
  }

  private block(indent: number): YamlNode {
    const line = this.index;
    if (this.indentOf(line) !== indent) fail();
    const content = this.contents[line]!;
    const end = this.ends[line]!;
    if (this.isDash(content, end)) return this.sequence(indent);
    if (this.keyEnd(content, end) !== -1) return this.mapping(indent, content);
    // A lone value at the top (`a scalar` or `[a, b]`) — fine when it is the whole document.
    this.index++;
    return this.inlineValue(content, end);
  }

  private isDash(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** Offset of the `:` that ends a one-line key starting at `at`, or -1 when the line is not `key: …`. */
  private keyEnd(at: number, end: number): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) {
      const close = this.quotedEnd(at, end);
      return text.charCodeAt(close) === COLON && (close + 1 === end || text.charCodeAt(close + 1) === SPACE)
        ? close
        : -1;
    }
    if (c < 128 && NOT_A_KEY_START[c] === 1) return -1;
    for (let i = at; i < end; i++) {
      if (text.charCodeAt(i) === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) return i;
    }
    return -1;
  }

  private mapping(indent: number, firstKey: number): YamlMap {
    if (++this.depth > MAX_NESTING_DEPTH) fail();
    const map: YamlMap = { kind: 'map', flow: false, range: [firstKey, firstKey], pairs: [] };
    const object: Record<string, unknown> = {};
    const lines = this.starts.length;
    while (this.index < lines) {
      const line = this.index;
      const content = this.contents[line]!;
      const end = this.ends[line]!;
      // The first pair of a map inside a sequence item starts after its dash, not at the line's content.
      const keyStart = map.pairs.length === 0 ? firstKey : content;
      if (map.pairs.length > 0) {
        const lineIndent = this.indentOf(line);
        if (lineIndent !== indent) {
          if (lineIndent > indent) fail();
          break;
        }
        if (this.isDash(content, end)) fail();
      }
      const colon = this.keyEnd(keyStart, end);
      if (colon === -1) fail();
      // A plain key ends before the spaces that precede its colon (`name  : x` has the key `name`).
      const key = this.scalar(keyStart, this.trimEnd(keyStart, colon));
      if (key.value === null) fail();
      const name = String(key.value);
      if (hasKey(map.pairs, name)) fail();
      this.index++;
      let value: YamlNode | null = null;
      const valueStart = this.skipSpaces(colon + 1, end);
      if (valueStart < end) {
        value = this.inlineValue(valueStart, end);
      } else if (this.index < lines) {
        const next = this.index;
        const nextIndent = this.indentOf(next);
        if (nextIndent > indent) value = this.block(nextIndent);
        else if (nextIndent === indent && this.isDash(this.contents[next]!, this.ends[next]!))
          value = this.sequence(indent);
      }
      map.pairs.push({ key, value });
      setKey(object, name, value ? this.plain : null);
      map.range[1] = value ? value.range[1] : key.range[1];
    }
    this.plain = object;
    this.depth--;
    return map;
  }

  private sequence(indent: number): YamlSeq {
    if (++this.depth > MAX_NESTING_DEPTH) fail();
    const first = this.contents[this.index]!;
    const seq: YamlSeq = { kind: 'seq', flow: false, range: [first, first], items: [] };
    const array: unknown[] = [];
    const lines = this.starts.length;
    while (this.index < lines) {
      const line = this.index;
      const content = this.contents[line]!;
      const end = this.ends[line]!;
      const lineIndent = content - this.starts[line]!;
      if (lineIndent !== indent || !this.isDash(content, end)) {
        if (lineIndent > indent) fail();
        break;
      }
      const at = this.skipSpaces(content + 1, end);
      let item: YamlNode | null = null;
      if (at >= end) {
        this.index++;
        if (this.index < lines) {
          const nextIndent = this.indentOf(this.index);
          if (nextIndent > indent) item = this.block(nextIndent);
        }
      } else if (this.isDash(at, end)) {
        fail();
      } else if (this.keyEnd(at, end) !== -1) {
        // `- key: value` opens a map whose keys line up with `key`.
        item = this.mapping(at - this.starts[line]!, at);
      } else {
        this.index++;
        item = this.inlineValue(at, end);
      }
      seq.items.push(item);
      array.push(item ? this.plain : null);
      if (item) seq.range[1] = item.range[1];
    }
    this.plain = array;
    this.depth--;
    return seq;
  }

  /** A value that must end on this line: a flow collection or a scalar. */
  private inlineValue(at: number, end: number): YamlNode {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === BRACE_OPEN || c === BRACKET_OPEN) {
      const node = this.flow(at, end);
      if (this.flowNext !== end) fail();
      return node;
    }
    if (c < 128 && NOT_A_VALUE_START[c] === 1) fail();
    if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) {
      const close = this.quotedEnd(at, end);
      if (close !== end) fail();
      return this.scalar(at, end);
    }
    // `- x` or `? x` would be a nested sequence or a complex key.
    if ((c === DASH || c === QUESTION) && (at + 1 === end || text.charCodeAt(at + 1) === SPACE)) fail();
    if (this.mayBeMore(at, end, true)) fail();
    return this.scalar(at, end);
  }

  /**
   * Whether a plain scalar holds `: ` (a nested key), a `#` after any white space (maybe a comment) or, when
   * asked, a final `:` — all left to the complete parser.
   */
  private mayBeMore(at: number, end: number, colonAtEnd: boolean): boolean {
    const text = this.text;
    for (let i = at; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) {
        if (i + 1 === end ? colonAtEnd : text.charCodeAt(i + 1) === SPACE) return true;
      } else if (c === HASH && i > at && isWhitespace(text.charCodeAt(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** Offset just after the closing quote of a quoted scalar starting at `at` (on this line). */
  private quotedEnd(at: number, end: number): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (quote === QUOTE_DOUBLE && c === BACKSLASH) i++;
      else if (c === quote) {
        if (quote === QUOTE_SINGLE && text.charCodeAt(i + 1) === QUOTE_SINGLE) i++;
        else return i + 1;
      }
    }
    return fail();
  }

  private scalar(start: number, end: number): YamlScalar {
    const c = this.text.charCodeAt(start);
    if (c === QUOTE_DOUBLE) {
      const raw = this.strings.slice(this.text, start + 1, end - 1);
      const value = raw.includes('\\') ? this.unescape(raw) : raw;
      this.plain = value;
      return { kind: 'scalar', range: [start, end], value, source: value, style: 'double' };
    }
    if (c === QUOTE_SINGLE) {
      const raw = this.strings.slice(this.text, start + 1, end - 1);
      const value = raw.includes("'") ? raw.replace(/''/g, "'") : raw;
      this.plain = value;
      return { kind: 'scalar', range: [start, end], value, source: value, style: 'single' };
    }
    const source = this.strings.slice(this.text, start, end);
    const value = resolvePlain(source);
    this.plain = value;
    return { kind: 'scalar', range: [start, end], value, source, style: 'plain' };
  }

  private unescape(raw: string): string {
    return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, sequence: string) => {
      if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
      const known = ESCAPES[sequence];
      return known ?? fail();
    });
  }

  /** A one-line flow collection starting at `at`; `flowNext` is then the offset after its closing bracket. */
  private flow(at: number, end: number): YamlNode {
    if (++this.depth > MAX_NESTING_DEPTH) fail();
    const text = this.text;
    const isMap = text.charCodeAt(at) === BRACE_OPEN;
    const close = isMap ? BRACE_CLOSE : BRACKET_CLOSE;
    const node: YamlMap | YamlSeq = isMap
      ? { kind: 'map', flow: true, range: [at, at], pairs: [] }
      : { kind: 'seq', flow: true, range: [at, at], items: [] };
    const object: Record<string, unknown> | undefined = isMap ? {} : undefined;
    const array: unknown[] | undefined = isMap ? undefined : [];
    let i = this.skipSpaces(at + 1, end);
    while (i < end && text.charCodeAt(i) !== close) {
      if (node.kind === 'map') {
        const keyEnd = this.flowTokenEnd(i, end, true);
        if (text.charCodeAt(keyEnd) !== COLON) fail();
        const key = this.scalar(i, this.trimEnd(i, keyEnd));
        if (key.value === null) fail();
        const name = String(key.value);
        if (hasKey(node.pairs, name)) fail();
        i = this.skipSpaces(keyEnd + 1, end);
        let value: YamlNode | null = null;
        const c = text.charCodeAt(i);
        if (c !== COMMA && c !== close) {
          value = this.flowValue(i, end);
          i = this.flowNext;
        }
        node.pairs.push({ key, value });
        setKey(object!, name, value ? this.plain : null);
      } else {
        if (text.charCodeAt(i) === COMMA) fail();
        node.items.push(this.flowValue(i, end));
        array!.push(this.plain);
        i = this.flowNext;
      }
      i = this.skipSpaces(i, end);
      if (text.charCodeAt(i) === COMMA) i = this.skipSpaces(i + 1, end);
      else if (text.charCodeAt(i) !== close) fail();
    }
    if (text.charCodeAt(i) !== close) fail();
    node.range[1] = i + 1;
    this.flowNext = this.skipSpaces(i + 1, end);
    this.plain = isMap ? object : array;
    this.depth--;
    return node;
  }

  /** A value inside a flow collection; `flowNext` is then where it ends. */
  private flowValue(at: number, end: number): YamlNode {
    const c = this.text.charCodeAt(at);
    if (c === BRACE_OPEN || c === BRACKET_OPEN) return this.flow(at, end);
    if (c < 128 && NOT_A_VALUE_START[c] === 1) fail();
    const tokenEnd = this.flowTokenEnd(at, end, false);
    const valueEnd = this.trimEnd(at, tokenEnd);
    if (c !== QUOTE_DOUBLE && c !== QUOTE_SINGLE && this.mayBeMore(at, valueEnd, false)) fail();
    this.flowNext = tokenEnd;
    return this.scalar(at, valueEnd);
  }

  /** End of a flow scalar: its closing quote, or the first `,` `]` `}` (or, for keys, `: `). */
  private flowTokenEnd(at: number, end: number, key: boolean): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) return this.skipSpaces(this.quotedEnd(at, end), end);
    if (c === DASH && text.charCodeAt(at + 1) === SPACE) fail();
    for (let i = at; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COMMA || ch === BRACKET_CLOSE || ch === BRACE_CLOSE) return i;
      if (ch === BRACKET_OPEN || ch === BRACE_OPEN) fail();
      if (ch === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === COMMA || next === BRACE_CLOSE || i + 1 === end)
          return key ? i : fail();
      }
    }
    return end;
  }

  private skipSpaces(at: number, end: number): number {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  private trimEnd(start: number, end: number): number {
    let e = end;
    while (e > start && this.text.charCodeAt(e - 1) === SPACE) e--;
    return e;
  }
}

/** Sets a key of a plain map; `__proto__` becomes a key like any other, as the `yaml` package makes it. */
export function setKey(object: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
  else object[name] = value;
}

/** Whether a map already has a key (maps in catalogue files have a handful of keys: a scan beats a set). */
function hasKey(pairs: readonly YamlPair[], name: string): boolean {
  for (let i = 0; i < pairs.length; i++) {
    const value = pairs[i]!.key.value;
    if ((typeof value === 'string' ? value : String(value)) === name) return true;
  }
  return false;
}
