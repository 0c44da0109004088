import { isMap, isPair, isScalar, isSeq, type Node, parseDocument } from 'yaml';

export type EntryPath = Array<string | number>;

/** Where the cursor sits in a YAML document, in terms of the entry's keys. */
export interface CursorContext {
  /** Path of the key under the cursor (`on: 'key'`), of the value's key (`'value'`), or of the collection (`'inside'`). */
  path: EntryPath;
  on: 'key' | 'value' | 'inside';
  /** The scalar under the cursor, with its range in offsets. */
  scalar?: { value: unknown; start: number; end: number };
}

type Located = CursorContext | undefined;

function keyText(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return undefined;
}

function locateIn(node: Node | null | undefined, offset: number, path: EntryPath): Located {
  if (!node?.range) return undefined;
  const [start, , end] = node.range;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyText(pair.key);
      if (key === undefined) continue;
      const keyNode = pair.key as Node;
      const [ks, ke] = keyNode.range ?? [0, 0];
      if (offset >= ks && offset <= ke) {
        return { path: [...path, key], on: 'key', scalar: { value: key, start: ks, end: ke } };
      }
      const value = pair.value as Node | null;
      if (value?.range) {
        const [vs, ve] = value.range;
        if (offset >= vs && offset <= ve) {
          if (isScalar(value)) {
            return { path: [...path, key], on: 'value', scalar: { value: value.value, start: vs, end: ve } };
          }
          const inner = locateIn(value, offset, [...path, key]);
          if (inner) return inner;
        }
      }
    }
    if (offset >= start && offset <= end && node.flow) return { path, on: 'inside' };
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (!item?.range) continue;
      const [is, ie] = item.range;
      if (offset >= is && offset <= ie) {
        if (isScalar(item)) {
          return { path: [...path, i], on: 'value', scalar: { value: item.value, start: is, end: ie } };
        }
        const inner = locateIn(item, offset, [...path, i]);
        if (inner) return inner;
      }
    }
    if (offset >= start && offset <= end) return { path, on: 'inside' };
  }
  return undefined;
}

/** The key or value under `offset`, if the cursor is on one. Tolerates documents with syntax errors. */
export function locate(text: string, offset: number): CursorContext | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false });
  return locateIn(doc.contents as Node | null, offset, []);
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * What completion should offer at a position: keys of a mapping (`keys`) or values of a key (`value`).
 * Works on half-typed documents: block context is inferred from indentation, flow context (`{ a: 1, | }`)
 * from the parsed document.
 */
export function completionContext(
  text: string,
  offset: number,
): { kind: 'keys'; path: EntryPath; present: string[] } | { kind: 'value'; path: EntryPath } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);

  // Flow context: inside { … } or [ … ] on this line.
  const opened = Math.max(before.lastIndexOf('{'), before.lastIndexOf('['));
  const closed = Math.max(before.lastIndexOf('}'), before.lastIndexOf(']'));
  if (opened > closed) {
    const at = locate(text, offset) ?? locate(text, lineStart + opened + 1);
    const inner = before.slice(opened + 1);
    const seg = inner.slice(inner.lastIndexOf(',') + 1);
    const valueMatch = /^\s*("[^"]*"|'[^']*'|[^\s:,{}[\]"']+)\s*:\s*[^,]*$/.exec(seg);
    if (at) {
      const base = at.on === 'inside' ? at.path : at.on === 'key' ? at.path.slice(0, -1) : at.path;
      if (before[opened] === '[') {
        const seqPath = at.on === 'value' && typeof at.path.at(-1) === 'number' ? at.path.slice(0, -1) : base;
        return { kind: 'value', path: seqPath };
      }
      if (valueMatch?.[1]) {
        const keyPath = at.on === 'value' ? at.path : [...base, unquote(valueMatch[1])];
        return { kind: 'value', path: keyPath };
      }
      return { kind: 'keys', path: base, present: presentKeys(text, base) };
    }
  }

  const value = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[^\s:#"'{}[\],-][^\s:{}[\],]*)\s*:\s*(.*)$/.exec(before);
  if (value?.[3]) {
    const keyOffset = lineStart + (value[1]?.length ?? 0) + (value[2]?.length ?? 0);
    const at = locate(text, keyOffset);
    if (at?.on === 'key') return { kind: 'value', path: at.path };
    const parent = blockParent(text, lineStart, (value[1]?.length ?? 0) + (value[2]?.length ?? 0));
    return parent ? { kind: 'value', path: [...parent, unquote(value[3])] } : undefined;
  }
  const key = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*)?$/.exec(before);
  if (key) {
    const dash = key[2]?.length ?? 0;
    const indent = (key[1]?.length ?? 0) + dash;
    const parent = blockParent(text, lineStart, indent);
    if (!parent) return undefined;
    // A new `- ` under a sequence key starts an item: its keys are those of the sequence's items.
    let path = parent;
    if (dash && !(typeof parent.at(-1) === 'number')) path = [...parent, 0];
    return { kind: 'keys', path, present: dash ? [] : presentKeys(text, path) };
  }
  // `- ` list entry value under a sequence of scalars (e.g. related:)
  const listValue = /^(\s*)-\s+(.*)$/.exec(before);
  if (listValue) {
    const parent = blockParent(text, lineStart, listValue[1]?.length ?? 0);
    if (parent)
      return { kind: 'value', path: typeof parent.at(-1) === 'number' ? parent.slice(0, -1) : parent };
  }
  return undefined;
}

/** The path of the block mapping a line at `lineStart` with the given indentation belongs to. */
function blockParent(text: string, lineStart: number, indent: number): EntryPath | undefined {
  if (indent === 0) return [];
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const lineIndent = indentOf(line);
    const dashed = /^(\s*)-\s+([A-Za-z_][\w.-]*)\s*:/.exec(line);
    if (dashed && (dashed[0].indexOf(dashed[2] ?? '') === indent || lineIndent < indent)) {
      const keyOffset = start + dashed[0].indexOf(dashed[2] ?? '');
      const at = locate(text, keyOffset);
      if (at?.on === 'key') {
        if (dashed[0].indexOf(dashed[2] ?? '') === indent) return at.path.slice(0, -1);
        return lineIndent < indent ? at.path.slice(0, -2) : at.path.slice(0, -1);
      }
    }
    if (lineIndent === indent) {
      const m = /^\s*([A-Za-z_][\w.-]*)\s*:/.exec(line);
      if (m) {
        const at = locate(text, start + lineIndent);
        if (at?.on === 'key') return at.path.slice(0, -1);
      }
      continue;
    }
    if (lineIndent < indent) {
      const m = /^\s*([A-Za-z_][\w.-]*)\s*:\s*(#.*)?$/.exec(line);
      if (m) {
        const at = locate(text, start + lineIndent);
        if (at?.on === 'key') return at.path;
        return undefined;
      }
      return undefined;
    }
  }
  return indent === 0 ? [] : undefined;
}

/** Keys already present in the mapping at `path` (so completion does not offer them twice). */
export function presentKeys(text: string, path: EntryPath): string[] {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  if (!isMap(node)) return [];
  return node.items.map((p) => keyText(p.key)).filter((k): k is string => k !== undefined);
}

const unquote = (key: string) => (/^(["']).*\1$/.test(key) ? key.slice(1, -1) : key);
