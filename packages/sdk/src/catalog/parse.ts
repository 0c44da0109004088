import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { TextIndex } from './text-position';
import type { Diagnostic, EntryPath, LocalizedText, Range } from './types';

/** Alias expansions allowed when converting a document: enough for real files, far too few for "billion laughs". */
export const MAX_ALIAS_COUNT = 100;
/** More syntax errors than this in one file only repeat the first ones. */
const MAX_SYNTAX_DIAGNOSTICS = 20;

const SYNTAX_HINTS: Partial<Record<string, string>> = {
  BAD_INDENT: '缩进错误',
  TAB_AS_INDENT: '不能用制表符缩进',
  DUPLICATE_KEY: '同一层级的键重复',
  MISSING_CHAR: '缺少字符（如引号或括号未闭合）',
  MULTIPLE_DOCS: '一个文件只能包含一个 YAML 文档',
  UNEXPECTED_TOKEN: '出现了意外的内容',
  BLOCK_AS_IMPLICIT_KEY: '键的写法错误',
  MULTILINE_IMPLICIT_KEY: '键不能跨行',
  BAD_ALIAS: '引用了未定义的锚点',
  BAD_DQ_ESCAPE: '双引号字符串中的转义序列无效',
  RESOURCE_EXHAUSTION: '别名展开过多',
};

export type ParsedEntry = Record<string, unknown>;

/** One catalogue file: the YAML document with positions, the plain entry, and its syntax diagnostics. */
export class CatalogFile {
  readonly index: TextIndex;
  readonly document: Document.Parsed | undefined;
  /** The plain value of the file when it is valid YAML and a mapping; undefined otherwise. */
  readonly entry: ParsedEntry | undefined;
  /** `yaml/syntax` diagnostics (empty for a well-formed file). */
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.index = new TextIndex(text);
    let document: Document.Parsed | undefined;
    try {
      document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
    } catch (error) {
      this.syntax(0, 0, {
        zh: `YAML 无法解析：${messageOf(error)}`,
        en: `the YAML cannot be parsed: ${messageOf(error)}`,
      });
      this.document = undefined;
      this.entry = undefined;
      return;
    }
    this.document = document;
    for (const error of document.errors.slice(0, MAX_SYNTAX_DIAGNOSTICS)) {
      const hint = SYNTAX_HINTS[error.code];
      const detail = error.message.split('\n')[0] ?? error.message;
      this.syntax(error.pos[0], error.pos[1], {
        zh: `YAML 语法错误${hint ? `：${hint}` : ''}（${detail}）`,
        en: `YAML syntax error: ${detail}`,
      });
    }
    if (document.errors.length > 0) {
      this.entry = undefined;
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const alias = findFirstAlias(document.contents);
      const [start, end] = alias?.range ?? [0, 0];
      this.syntax(start, end, {
        zh: `YAML 别名展开超过 ${MAX_ALIAS_COUNT} 次，文件被拒绝（${messageOf(error)}）`,
        en: `YAML aliases expand more than ${MAX_ALIAS_COUNT} times; the file is refused (${messageOf(error)})`,
      });
      this.entry = undefined;
      return;
    }
    this.entry =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as ParsedEntry)
        : undefined;
  }

  private syntax(start: number, end: number, message: LocalizedText): void {
    this.diagnostics.push({
      file: this.path,
      rule: 'yaml/syntax',
      severity: 'error',
      message,
      range: this.index.range(start, Math.max(end, start + 1)),
      fixes: [],
    });
  }

  private readonly nodeCache = new Map<string, Node | undefined>();

  /** The YAML node at a path (aliases resolved), or undefined when any segment is absent. */
  node(path: EntryPath): Node | undefined {
    const cacheKey = path.join('\u0001');
    if (this.nodeCache.has(cacheKey)) return this.nodeCache.get(cacheKey);
    const node = this.findNode(path);
    this.nodeCache.set(cacheKey, node);
    return node;
  }

  private findNode(path: EntryPath): Node | undefined {
    let node: unknown = this.document?.contents;
    for (const segment of path) {
      node = this.resolve(node);
      if (isMap(node)) {
        node = findPair(node, segment)?.value ?? undefined;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
      if (node === undefined || node === null) return undefined;
    }
    return this.resolve(node) as Node | undefined;
  }

  /** The key node of the last segment of a path (for map keys), if present. */
  keyNode(path: EntryPath): Scalar | undefined {
    if (path.length === 0) return undefined;
    const parent = this.node(path.slice(0, -1));
    const segment = path[path.length - 1]!;
    if (isMap(parent)) {
      const key = findPair(parent, segment)?.key;
      return isScalar(key) ? key : undefined;
    }
    return undefined;
  }

  /** Whether the key exists (even with an empty value). */
  has(path: EntryPath): boolean {
    if (path.length === 0) return this.document !== undefined;
    const parent = this.node(path.slice(0, -1));
    const segment = path[path.length - 1]!;
    if (isMap(parent)) return findPair(parent, segment) !== undefined;
    if (isSeq(parent)) return typeof segment === 'number' && segment < parent.items.length;
    return false;
  }

  /** The plain value at a path. */
  get(path: EntryPath): unknown {
    let value: unknown = this.entry;
    for (const segment of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string | number, unknown>)[segment];
    }
    return value;
  }

  /**
   * The scalar at a path as the user wrote it: numbers keep their digits (a provider code of 18 digits
   * must not become a float), strings are trimmed of nothing. Undefined for absent or non-scalar values.
   */
  string(path: EntryPath): string | undefined {
    const node = this.node(path);
    if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
    if (typeof node.value === 'string') return node.value;
    if (typeof node.value === 'number' || typeof node.value === 'bigint') {
      return node.type === 'PLAIN' && node.source !== undefined ? node.source : String(node.value);
    }
    return String(node.value);
  }

  /**
   * Offsets of a path's key or value; when the path is absent, those of its deepest present ancestor's key
   * (so "share.condition is missing" points at `share:`), or of the first line.
   */
  offsets(path: EntryPath, part: 'key' | 'value' = 'value'): [number, number] {
    for (let depth = path.length; depth > 0; depth--) {
      const sub = path.slice(0, depth);
      if (!this.has(sub)) continue;
      const wantKey = part === 'key' || depth < path.length;
      const key = this.keyNode(sub);
      if (wantKey && key?.range) return [key.range[0], key.range[1]];
      const node = this.node(sub);
      if (node?.range) return [node.range[0], node.range[1]];
      if (key?.range) return [key.range[0], key.range[1]];
    }
    const root = this.document?.contents;
    if (isMap(root)) {
      const first = root.items[0]?.key;
      if (isScalar(first) && first.range) return [first.range[0], first.range[1]];
    }
    return [0, this.index.lineEnd(0)];
  }

  rangeOf(path: EntryPath, part: 'key' | 'value' = 'value'): Range {
    const [start, end] = this.offsets(path, part);
    return this.index.range(start, end);
  }

  /**
   * The entry path at an offset, for hover and completion: `{ path: ['share', 'type'], part: 'value' }`
   * when the offset is inside `conditional` of `share:\n  type: conditional`. Undefined outside any key or value.
   */
  pathAt(offset: number): { path: Array<string | number>; part: 'key' | 'value' } | undefined {
    const path: Array<string | number> = [];
    let node: unknown = this.document?.contents;
    const inside = (range: readonly number[] | null | undefined) =>
      range !== undefined && range !== null && offset >= range[0]! && offset <= range[1]!;
    for (let depth = 0; depth < 64; depth++) {
      node = this.resolve(node);
      if (isMap(node)) {
        const pair =
          node.items.find((item) => inside((item.key as Node | null)?.range)) ??
          node.items.find((item) => {
            const value = item.value as Node | null;
            // Collections end where the next key starts; only scalars own their end offset.
            return isScalar(value) ? inside(value.range) : inside(value?.range) && offset < value!.range![1];
          });
        if (!pair) return path.length ? { path, part: 'value' } : undefined;
        const key = pair.key as Node | null;
        path.push(isScalar(key) ? String(key.value) : String(key));
        if (inside(key?.range)) return { path, part: 'key' };
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => inside((item as Node | null)?.range));
        if (index < 0) return path.length ? { path, part: 'value' } : undefined;
        path.push(index);
        node = node.items[index];
      } else {
        return path.length ? { path, part: 'value' } : undefined;
      }
    }
    return undefined;
  }

  private resolve(node: unknown): unknown {
    if (isAlias(node) && this.document) return node.resolve(this.document);
    return node;
  }
}

function findPair(map: YAMLMap, segment: string | number) {
  const wanted = String(segment);
  for (const pair of map.items) {
    const key = pair.key;
    if (isScalar(key) ? String(key.value) === wanted : String(key) === wanted) return pair;
  }
  return undefined;
}

function findFirstAlias(node: unknown): Node | undefined {
  if (isAlias(node)) return node;
  if (isMap(node)) {
    for (const pair of node.items) {
      const found = findFirstAlias(pair.value);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = findFirstAlias(item);
      if (found) return found;
    }
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Parses a catalogue file. Never throws: malformed YAML yields `yaml/syntax` diagnostics and no entry. */
export function parseCatalogFile(path: string, text: string): CatalogFile {
  return new CatalogFile(path, text);
}
