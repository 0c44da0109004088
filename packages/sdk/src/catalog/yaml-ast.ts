import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { setKey } from './fast-yaml';

/**
 * The small YAML tree the linter works on: maps, sequences and scalars with their offsets. The fast parser
 * builds it directly for the plain YAML of catalogue files; anything else is parsed by the `yaml` package
 * and converted, so rules and fixes see one shape either way.
 */
export type YamlNode = YamlMap | YamlSeq | YamlScalar;

/** `[start, end)` offsets of the node's content: quotes and brackets included, trailing space and comments not. */
export type Span = [number, number];

export interface YamlScalar {
  kind: 'scalar';
  range: Span;
  value: unknown;
  /** The text as written (without quotes), so `0012` or an 18-digit code can be read back exactly. */
  source: string;
  style: 'plain' | 'single' | 'double' | 'block';
}

export interface YamlPair {
  key: YamlScalar;
  /** Null for `key:` with nothing after it. */
  value: YamlNode | null;
}

export interface YamlMap {
  kind: 'map';
  flow: boolean;
  range: Span;
  pairs: YamlPair[];
}

export interface YamlSeq {
  kind: 'seq';
  flow: boolean;
  range: Span;
  items: Array<YamlNode | null>;
}

export function findPair(map: YamlMap, key: string | number): YamlPair | undefined {
  for (const pair of map.pairs) {
    const value = pair.key.value;
    if (value === key || (typeof value !== 'string' && String(value) === String(key))) return pair;
  }
  return undefined;
}

/** Converts a `yaml` document (the slow, complete path) into the linter's tree. Aliases share their target. */
export function fromYamlDocument(document: Document.Parsed): YamlNode | null {
  const memo = new Map<Node, YamlNode | null>();
  const convert = (input: unknown): YamlNode | null => {
    let node = input;
    if (isAlias(node)) node = node.resolve(document);
    if (!node || typeof node !== 'object') return null;
    const known = memo.get(node as Node);
    if (known !== undefined) return known;
    if (isScalar(node)) {
      const range = node.range ?? [0, 0];
      if (node.value === null && range[0] === range[1]) return null;
      const type = node.type;
      const result: YamlScalar = {
        kind: 'scalar',
        range: [range[0], range[1]],
        value: node.value,
        source: node.source ?? String(node.value),
        style:
          type === 'QUOTE_DOUBLE'
            ? 'double'
            : type === 'QUOTE_SINGLE'
              ? 'single'
              : type === 'PLAIN'
                ? 'plain'
                : 'block',
      };
      memo.set(node, result);
      return result;
    }
    if (isMap(node)) {
      const map: YamlMap = {
        kind: 'map',
        flow: Boolean(node.flow),
        range: [node.range?.[0] ?? 0, node.range?.[1] ?? 0],
        pairs: [],
      };
      memo.set(node, map);
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = convert(pair.key);
        const keyScalar: YamlScalar =
          key?.kind === 'scalar'
            ? key
            : {
                kind: 'scalar',
                range: key?.range ?? [0, 0],
                value: String(pair.key),
                source: String(pair.key),
                style: 'plain',
              };
        map.pairs.push({ key: keyScalar, value: convert(pair.value) });
      }
      if (!map.flow)
        map.range = blockRange(
          map.range[0],
          map.pairs.map((p) => p.value?.range ?? p.key.range),
        );
      return map;
    }
    if (isSeq(node)) {
      const seq: YamlSeq = {
        kind: 'seq',
        flow: Boolean(node.flow),
        range: [node.range?.[0] ?? 0, node.range?.[1] ?? 0],
        items: [],
      };
      memo.set(node, seq);
      for (const item of node.items) seq.items.push(convert(item));
      if (!seq.flow)
        seq.range = blockRange(
          seq.range[0],
          seq.items.flatMap((item) => (item ? [item.range] : [])),
        );
      return seq;
    }
    return null;
  };
  return convert(document.contents);
}

/** A block collection spans from its first key or dash to the end of its last value. */
function blockRange(start: number, children: Span[]): Span {
  let end = start;
  for (const child of children) end = Math.max(end, child[1]);
  return [start, end];
}

/** The plain value of a tree built by the fast parser (no aliases there, so no expansion limits needed). */
export function toPlain(node: YamlNode | null): unknown {
  if (node === null) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const object: Record<string, unknown> = {};
  for (const pair of node.pairs) setKey(object, String(pair.key.value), toPlain(pair.value));
  return object;
}

/**
 * The tree of an entry that arrived already parsed (JSON over HTTP), so the rules read it as they read a file.
 * There is no text: every range is empty. Strings keep their value as their source; other scalars are written
 * as `String` writes them. The caller has bounded the value's depth.
 */
export function fromValue(value: unknown): YamlNode | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    return { kind: 'seq', flow: true, range: [0, 0], items: value.map(fromValue) };
  }
  if (typeof value === 'object') {
    const pairs: YamlPair[] = [];
    for (const [name, child] of Object.entries(value)) {
      pairs.push({ key: scalarOf(name), value: fromValue(child) });
    }
    return { kind: 'map', flow: true, range: [0, 0], pairs };
  }
  return scalarOf(value);
}

function scalarOf(value: unknown): YamlScalar {
  const isString = typeof value === 'string';
  return {
    kind: 'scalar',
    range: [0, 0],
    value,
    source: isString ? value : String(value),
    style: isString ? 'double' : 'plain',
  };
}
