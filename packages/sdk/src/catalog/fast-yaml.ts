import type { YamlMap, YamlNode, YamlScalar, YamlSeq } from './yaml-ast';

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

interface Line {
  start: number;
  /** Offset of the first non-space character. */
  content: number;
  /** End of the content: before a comment and trailing spaces. */
  end: number;
  indent: number;
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
  if (CORE_NULL.has(text)) return null;
  if (CORE_TRUE.has(text)) return true;
  if (CORE_FALSE.has(text)) return false;
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  if (
    /^0o[0-7]+$/.test(text) ||
    /^0x[0-9a-fA-F]+$/.test(text) ||
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

export function parseFastYaml(text: string): YamlNode | null | undefined {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new FastParser(text).document();
  } catch (error) {
    if (error instanceof Unsupported || error instanceof RangeError) return undefined;
    throw error;
  }
}

class FastParser {
  private readonly lines: Line[] = [];
  private index = 0;

  constructor(private readonly text: string) {
    let start = 0;
    while (start <= text.length) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) newline = text.length;
      let content = start;
      while (content < newline && text.charCodeAt(content) === 32) content++;
      if (content < newline && text[content] !== '#') {
        if (
          content === start &&
          (text.startsWith('---', start) || text.startsWith('...', start)) &&
          this.lines.length > 0
        )
          fail();
        this.lines.push({ start, content, end: this.contentEnd(content, newline), indent: content - start });
      }
      if (newline === text.length) break;
      start = newline + 1;
    }
  }

  /** End of a line's content: a `#` after a space starts a comment (outside quotes, which are checked later). */
  private contentEnd(from: number, lineEnd: number): number {
    let end = lineEnd;
    let quote = '';
    for (let i = from; i < lineEnd; i++) {
      const c = this.text[i]!;
      if (quote) {
        if (c === quote) {
          if (quote === "'" && this.text[i + 1] === "'") i++;
          else quote = '';
        } else if (c === '\\' && quote === '"') i++;
      } else if ((c === '"' || c === "'") && (i === from || /[\s[{,]/.test(this.text[i - 1]!))) {
        quote = c;
      } else if (c === '#' && /\s/.test(this.text[i - 1] ?? ' ')) {
        end = i;
        break;
      }
    }
    while (end > from && this.text.charCodeAt(end - 1) === 32) end--;
    return end;
  }

  document(): YamlNode | null {
    let first = this.lines[0];
    if (!first) return null;
    if (this.text.startsWith('---', first.content) && first.end - first.content === 3) {
      this.index++;
      first = this.lines[this.index];
      if (!first) return null;
    }
    if (first.indent !== 0) fail();
    const node = this.block(0);
    if (this.index !== this.lines.length) fail();
    return node;
  }

  private block(indent: number): YamlNode {
    const line = this.lines[this.index]!;
    if (line.indent !== indent) fail();
    if (this.isDash(line.content, line.end)) return this.sequence(indent);
    if (this.keyEnd(line.content, line.end) !== -1) return this.mapping(indent, line.content);
    // A lone value at the top (`a scalar` or `[a, b]`) — fine when it is the whole document.
    this.index++;
    return this.inlineValue(line.content, line.end);
  }

  private isDash(at: number, end: number): boolean {
    return this.text[at] === '-' && (at + 1 === end || this.text[at + 1] === ' ');
  }

  /** Offset of the `:` that ends a one-line key starting at `at`, or -1 when the line is not `key: …`. */
  private keyEnd(at: number, end: number): number {
    const c = this.text[at]!;
    if (c === '"' || c === "'") {
      const close = this.quotedEnd(at, end);
      return this.text[close] === ':' && (close + 1 === end || this.text[close + 1] === ' ') ? close : -1;
    }
    if ('[{]},#&*!|>%@`?'.includes(c)) return -1;
    for (let i = at; i < end; i++) {
      if (this.text[i] === ':' && (i + 1 === end || this.text[i + 1] === ' ')) return i;
    }
    return -1;
  }

  private mapping(indent: number, firstKey: number): YamlMap {
    const map: YamlMap = { kind: 'map', flow: false, range: [firstKey, firstKey], pairs: [] };
    const seen = new Set<string>();
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!;
      // The first pair of a map inside a sequence item starts after its dash, not at the line's content.
      const keyStart = map.pairs.length === 0 ? firstKey : line.content;
      if (map.pairs.length > 0 && line.indent !== indent) {
        if (line.indent > indent) fail();
        break;
      }
      if (map.pairs.length > 0 && this.isDash(line.content, line.end)) fail();
      const colon = this.keyEnd(keyStart, line.end);
      if (colon === -1) fail();
      const key = this.scalar(keyStart, colon);
      if (key.value === null) fail();
      const name = String(key.value);
      if (seen.has(name)) fail();
      seen.add(name);
      this.index++;
      let value: YamlNode | null = null;
      let valueStart = colon + 1;
      while (valueStart < line.end && this.text.charCodeAt(valueStart) === 32) valueStart++;
      if (valueStart < line.end) {
        value = this.inlineValue(valueStart, line.end);
      } else {
        const next = this.lines[this.index];
        if (next && next.indent > indent) value = this.block(next.indent);
        else if (next && next.indent === indent && this.isDash(next.content, next.end))
          value = this.sequence(indent);
      }
      map.pairs.push({ key, value });
      map.range[1] = value ? value.range[1] : key.range[1];
    }
    return map;
  }

  private sequence(indent: number): YamlSeq {
    const first = this.lines[this.index]!;
    const seq: YamlSeq = { kind: 'seq', flow: false, range: [first.content, first.content], items: [] };
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!;
      if (line.indent !== indent || !this.isDash(line.content, line.end)) {
        if (line.indent > indent) fail();
        break;
      }
      let at = line.content + 1;
      while (at < line.end && this.text.charCodeAt(at) === 32) at++;
      let item: YamlNode | null = null;
      if (at >= line.end) {
        this.index++;
        const next = this.lines[this.index];
        if (next && next.indent > indent) item = this.block(next.indent);
      } else if (this.isDash(at, line.end)) {
        fail();
      } else if (this.keyEnd(at, line.end) !== -1) {
        // `- key: value` opens a map whose keys line up with `key`.
        item = this.mapping(at - line.start, at);
      } else {
        this.index++;
        item = this.inlineValue(at, line.end);
      }
      seq.items.push(item);
      if (item) seq.range[1] = item.range[1];
    }
    return seq;
  }

  /** A value that must end on this line: a flow collection or a scalar. */
  private inlineValue(at: number, end: number): YamlNode {
    const c = this.text[at]!;
    if (c === '{' || c === '[') {
      const { node, next } = this.flow(at, end);
      if (next !== end) fail();
      return node;
    }
    if ('&*!|>%@`#'.includes(c)) fail();
    if (c === '"' || c === "'") {
      const close = this.quotedEnd(at, end);
      if (close !== end) fail();
      return this.scalar(at, end);
    }
    const text = this.text.slice(at, end);
    if (/: |:$|\s#/.test(text) || text.startsWith('- ') || text === '-' || text.startsWith('? ')) fail();
    return this.scalar(at, end);
  }

  /** Offset just after the closing quote of a quoted scalar starting at `at` (on this line). */
  private quotedEnd(at: number, end: number): number {
    const quote = this.text[at]!;
    for (let i = at + 1; i < end; i++) {
      const c = this.text[i]!;
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) {
        if (quote === "'" && this.text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return fail();
  }

  private scalar(start: number, end: number): YamlScalar {
    const c = this.text[start];
    if (c === '"') {
      const raw = this.text.slice(start + 1, end - 1);
      const value = raw.includes('\\') ? this.unescape(raw) : raw;
      return { kind: 'scalar', range: [start, end], value, source: value, style: 'double' };
    }
    if (c === "'") {
      const value = this.text.slice(start + 1, end - 1).replace(/''/g, "'");
      return { kind: 'scalar', range: [start, end], value, source: value, style: 'single' };
    }
    const source = this.text.slice(start, end);
    return { kind: 'scalar', range: [start, end], value: resolvePlain(source), source, style: 'plain' };
  }

  private unescape(raw: string): string {
    return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, sequence: string) => {
      if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
      const known = ESCAPES[sequence];
      return known ?? fail();
    });
  }

  /** A one-line flow collection starting at `at`; returns it and the offset after its closing bracket. */
  private flow(at: number, end: number): { node: YamlNode; next: number } {
    const open = this.text[at]!;
    const close = open === '{' ? '}' : ']';
    const node: YamlMap | YamlSeq =
      open === '{'
        ? { kind: 'map', flow: true, range: [at, at], pairs: [] }
        : { kind: 'seq', flow: true, range: [at, at], items: [] };
    const seen = new Set<string>();
    let i = this.skipSpaces(at + 1, end);
    while (i < end && this.text[i] !== close) {
      if (node.kind === 'map') {
        const keyEnd = this.flowTokenEnd(i, end, true);
        if (this.text[keyEnd] !== ':') fail();
        const key = this.scalar(i, this.trimEnd(i, keyEnd));
        if (key.value === null) fail();
        const name = String(key.value);
        if (seen.has(name)) fail();
        seen.add(name);
        i = this.skipSpaces(keyEnd + 1, end);
        let value: YamlNode | null = null;
        if (this.text[i] !== ',' && this.text[i] !== close) {
          const parsed = this.flowValue(i, end);
          value = parsed.node;
          i = parsed.next;
        }
        node.pairs.push({ key, value });
      } else {
        if (this.text[i] === ',') fail();
        const parsed = this.flowValue(i, end);
        node.items.push(parsed.node);
        i = parsed.next;
      }
      i = this.skipSpaces(i, end);
      if (this.text[i] === ',') i = this.skipSpaces(i + 1, end);
      else if (this.text[i] !== close) fail();
    }
    if (this.text[i] !== close) fail();
    node.range[1] = i + 1;
    return { node, next: this.skipSpaces(i + 1, end) };
  }

  private flowValue(at: number, end: number): { node: YamlNode; next: number } {
    const c = this.text[at]!;
    if (c === '{' || c === '[') return this.flow(at, end);
    if ('&*!|>%@`#'.includes(c)) fail();
    const tokenEnd = this.flowTokenEnd(at, end, false);
    const node = this.scalar(at, this.trimEnd(at, tokenEnd));
    if (node.style === 'plain' && /: |\s#/.test(node.source)) fail();
    return { node, next: tokenEnd };
  }

  /** End of a flow scalar: its closing quote, or the first `,` `]` `}` (or, for keys, `: `). */
  private flowTokenEnd(at: number, end: number, key: boolean): number {
    const c = this.text[at];
    if (c === '"' || c === "'") return this.skipSpaces(this.quotedEnd(at, end), end);
    if (c === '-' && this.text[at + 1] === ' ') fail();
    for (let i = at; i < end; i++) {
      const ch = this.text[i]!;
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{')
        return ch === '[' || ch === '{' ? fail() : i;
      if (
        ch === ':' &&
        (this.text[i + 1] === ' ' || this.text[i + 1] === ',' || this.text[i + 1] === '}' || i + 1 === end)
      ) {
        return key ? i : fail();
      }
    }
    return end;
  }

  private skipSpaces(at: number, end: number): number {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i;
  }

  private trimEnd(start: number, end: number): number {
    let e = end;
    while (e > start && this.text.charCodeAt(e - 1) === 32) e--;
    return e;
  }
}
