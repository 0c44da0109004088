import { type Document, isAlias, isMap, isSeq } from 'yaml';
import { parseBoundedDocument } from './bounded-yaml';
import { MAX_NESTING_DEPTH, nestsDeeperThan, TOO_DEEP_RULE, tooDeepMessage } from './depth';
import { catalogElements } from './elements';
import { parseFastYamlValue } from './fast-yaml';
import { StringTable } from './string-table';
import { TextIndex } from './text-position';
import type { Diagnostic, EntryPath, LocalizedText, Range } from './types';
import { type VocabularyTerm, vocabularies } from './vocabulary';
import {
  findPair,
  fromValue,
  fromYamlDocument,
  type Span,
  type YamlMap,
  type YamlNode,
  type YamlScalar,
} from './yaml-ast';

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

let strings: StringTable | undefined;

/** The keys of the catalogue format and the tokens of its vocabularies: what every file repeats. */
function catalogStrings(): StringTable {
  strings ??= new StringTable([
    ...catalogElements.flatMap((element) => element.path.replace(/\[\]/g, '').split('.')),
    ...Object.values(vocabularies).flatMap(tokensAndSubtypes),
    'unsilo/v1',
    'InformationResource',
    'authoritative',
  ]);
  return strings;
}

/** The tokens of a vocabulary and the subtypes of its terms (the JSON file also holds a `$comment`). */
function tokensAndSubtypes(terms: readonly VocabularyTerm[]): string[] {
  if (!Array.isArray(terms)) return [];
  return terms.flatMap((term) => [term.token, ...(term.subtypes ?? [])]);
}

/** One catalogue file: its YAML tree with positions, the plain entry, and its syntax diagnostics. */
export class CatalogFile {
  private textIndex: TextIndex | undefined;
  /** The YAML tree (maps, sequences, scalars with offsets); null for an empty or unreadable file. */
  readonly root: YamlNode | null = null;
  /** The plain value of the file when it is valid YAML and a mapping; undefined otherwise. */
  readonly entry: ParsedEntry | undefined;
  /** `yaml/syntax` and `yaml/too-deep` diagnostics (empty for a well-formed file). */
  readonly diagnostics: Diagnostic[] = [];

  /** True when the file was made from a value (an entry sent as JSON): no text, so no positions and no fixes. */
  readonly fromValue: boolean;

  /**
   * Parses `text`; or, given `value`, wraps an already-parsed entry (the text is then empty). A value nested
   * deeper than MAX_NESTING_DEPTH is refused like a text that is, with a `yaml/too-deep` diagnostic.
   */
  constructor(
    readonly path: string,
    readonly text: string,
    value?: { readonly entry: unknown },
  ) {
    this.fromValue = value !== undefined;
    if (value !== undefined) {
      if (nestsDeeperThan(value.entry)) {
        this.tooDeep(0);
        return;
      }
      this.root = fromValue(value.entry);
      this.entry = isObject(value.entry) ? value.entry : undefined;
      return;
    }
    const fast = parseFastYamlValue(text, catalogStrings());
    if (fast !== undefined) {
      this.root = fast.root;
      this.entry = isObject(fast.value) ? fast.value : undefined;
      return;
    }
    const { root, value: parsed } = this.parseComplete();
    this.root = root;
    this.entry = isObject(parsed) ? parsed : undefined;
  }

  /** Line starts, computed on first use: most files of a workspace need no position at all. */
  get index(): TextIndex {
    this.textIndex ??= new TextIndex(this.text);
    return this.textIndex;
  }

  /** The complete YAML parser, for what the fast one does not cover and for precise syntax errors. */
  private parseComplete(): { root: YamlNode | null; value: unknown } {
    let document: Document.Parsed;
    try {
      const parsed = parseBoundedDocument(this.text, {
        prettyErrors: false,
        uniqueKeys: true,
        keepSourceTokens: false,
      });
      if ('tooDeepAt' in parsed) {
        this.tooDeep(parsed.tooDeepAt);
        return { root: null, value: undefined };
      }
      document = parsed.document;
    } catch (error) {
      this.syntax(0, 0, {
        zh: `YAML 无法解析：${messageOf(error)}`,
        en: `the YAML cannot be parsed: ${messageOf(error)}`,
      });
      return { root: null, value: undefined };
    }
    for (const error of document.errors.slice(0, MAX_SYNTAX_DIAGNOSTICS)) {
      const hint = SYNTAX_HINTS[error.code];
      const detail = error.message.split('\n')[0] ?? error.message;
      this.syntax(error.pos[0], error.pos[1], {
        zh: `YAML 语法错误${hint ? `：${hint}` : ''}（${detail}）`,
        en: `YAML syntax error: ${detail}`,
      });
    }
    if (document.errors.length > 0) return { root: null, value: undefined };
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // Aliases inside aliases can nest a value deeper than its text: the stack may run out first.
      if (error instanceof RangeError) {
        this.tooDeep(0);
        return { root: null, value: undefined };
      }
      const alias = findFirstAlias(document.contents);
      const [start, end] = alias?.range ?? [0, 0];
      this.syntax(start, end, {
        zh: `YAML 别名展开超过 ${MAX_ALIAS_COUNT} 次，文件被拒绝（${messageOf(error)}）`,
        en: `YAML aliases expand more than ${MAX_ALIAS_COUNT} times; the file is refused (${messageOf(error)})`,
      });
      return { root: null, value: undefined };
    }
    if (nestsDeeperThan(value)) {
      this.tooDeep(findFirstAlias(document.contents)?.range?.[0] ?? 0);
      return { root: null, value: undefined };
    }
    return { root: fromYamlDocument(document), value };
  }

  /** Too deep to read: one `yaml/too-deep` diagnostic, and no tree for any rule to walk. */
  private tooDeep(offset: number): void {
    this.diagnostics.push({
      file: this.path,
      rule: TOO_DEEP_RULE,
      severity: 'error',
      message: tooDeepMessage,
      range: this.index.range(offset, offset + 1),
      fixes: [],
    });
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

  /** The node at a path, or undefined when any segment is absent (null for `key:` with no value). */
  node(path: EntryPath): YamlNode | null | undefined {
    return this.walk(path, path.length);
  }

  /** The node at the first `depth` segments of a path (no slicing: rules call this for every field). */
  private walk(path: EntryPath, depth: number): YamlNode | null | undefined {
    let node: YamlNode | null | undefined = this.root;
    for (let i = 0; i < depth; i++) {
      if (!node) return undefined;
      const segment = path[i]!;
      if (node.kind === 'map') {
        const pair = findPair(node, segment);
        node = pair ? pair.value : undefined;
      } else if (node.kind === 'seq' && typeof segment === 'number') {
        node = segment < node.items.length ? node.items[segment] : undefined;
      } else {
        return undefined;
      }
    }
    return node;
  }

  /** The key scalar of the last segment of a path, if that key exists. */
  keyNode(path: EntryPath): YamlScalar | undefined {
    if (path.length === 0) return undefined;
    const parent = this.walk(path, path.length - 1);
    return parent?.kind === 'map' ? findPair(parent, path[path.length - 1]!)?.key : undefined;
  }

  /** Whether the key exists (even with an empty value). */
  has(path: EntryPath): boolean {
    if (path.length === 0) return this.root !== null;
    const parent = this.walk(path, path.length - 1);
    const segment = path[path.length - 1]!;
    if (parent?.kind === 'map') return findPair(parent, segment) !== undefined;
    if (parent?.kind === 'seq') return typeof segment === 'number' && segment < parent.items.length;
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
   * must not become a float). Undefined for absent, empty or non-scalar values.
   */
  string(path: EntryPath): string | undefined {
    // A string in the plain entry is the scalar's own value: no need to walk the tree for it.
    const plain = this.get(path);
    if (typeof plain === 'string') return plain;
    const node = this.node(path);
    if (node?.kind !== 'scalar' || node.value === null || node.value === undefined) return undefined;
    if (typeof node.value === 'string') return node.value;
    if (typeof node.value === 'number' && node.style === 'plain') return node.source;
    return String(node.value);
  }

  /**
   * Offsets of a path's key or value. An absent path points where it belongs: at the key of its deepest present
   * ancestor (so "share.condition is missing" points at `share:`), at the first line of an ancestor that is a list
   * entry (`items[3]`), or — for a top-level field — at the end of the entry, where it would be added (an empty
   * span). The entry itself (an empty path) is its first key.
   */
  offsets(path: EntryPath, part: 'key' | 'value' = 'value'): Span {
    for (let depth = path.length; depth > 0; depth--) {
      const sub = path.slice(0, depth);
      if (!this.has(sub)) continue;
      const absent = depth < path.length;
      const key = this.keyNode(sub);
      if ((part === 'key' || absent) && key) return [key.range[0], key.range[1]];
      const node = this.node(sub);
      if (node && absent) return [node.range[0], Math.min(node.range[1], this.index.lineEnd(node.range[0]))];
      if (node) return [node.range[0], node.range[1]];
      if (key) return [key.range[0], key.range[1]];
    }
    if (this.root?.kind === 'map' && this.root.pairs[0]) {
      if (path.length > 0) {
        const end = this.blockEnd(this.root);
        return [end, end];
      }
      const first = this.root.pairs[0].key;
      return [first.range[0], first.range[1]];
    }
    return [0, this.index.lineEnd(0)];
  }

  /** The end of the last line holding content of a block map (comments on that line included, later ones not). */
  private blockEnd(map: YamlMap): number {
    const last = map.pairs[map.pairs.length - 1];
    let end = (last?.value ?? last?.key)?.range[1] ?? map.range[1];
    while (end > 0 && /\s/.test(this.text[end - 1] ?? '')) end--;
    return this.index.lineEnd(Math.max(0, end - 1));
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
    const inside = (range: Span | undefined) =>
      range !== undefined && offset >= range[0] && offset <= range[1];
    let node: YamlNode | null = this.root;
    for (let depth = 0; depth < MAX_NESTING_DEPTH && node; depth++) {
      if (node.kind === 'map') {
        const pair =
          node.pairs.find((item) => inside(item.key.range)) ??
          node.pairs.find((item) => {
            const value = item.value;
            // Collections end where their last value ends; only scalars own their end offset for a cursor.
            return value?.kind === 'scalar'
              ? inside(value.range)
              : inside(value?.range) && offset < value!.range[1];
          });
        if (!pair) break;
        path.push(String(pair.key.value));
        if (inside(pair.key.range)) return { path, part: 'key' };
        node = pair.value;
      } else if (node.kind === 'seq') {
        const index = node.items.findIndex((item) => inside(item?.range));
        if (index < 0) break;
        path.push(index);
        node = node.items[index] ?? null;
      } else {
        break;
      }
    }
    return path.length ? { path, part: 'value' } : undefined;
  }
}

function isObject(value: unknown): value is ParsedEntry {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function findFirstAlias(node: unknown, depth = 0): { range?: [number, number, number] | null } | undefined {
  if (depth > 1000) return undefined;
  if (isAlias(node)) return node;
  if (isMap(node)) {
    for (const pair of node.items) {
      const found = findFirstAlias(pair.value, depth + 1);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = findFirstAlias(item, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses a catalogue file. Never throws: malformed YAML yields `yaml/syntax` diagnostics, and nesting deeper than
 * MAX_NESTING_DEPTH one `yaml/too-deep`, and no entry.
 */
export function parseCatalogFile(path: string, text: string): CatalogFile {
  return new CatalogFile(path, text);
}
