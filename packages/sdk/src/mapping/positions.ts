import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node } from 'yaml';
import type { Range } from './types';

/** Finds where a path of the document sits in the text: the key of a map entry, or the value. */
export type Locate = (path: ReadonlyArray<string | number>, part?: 'key' | 'value') => Range | undefined;

export function createLocator(doc: Document, lineCounter: LineCounter): Locate {
  const toRange = (range: readonly [number, number, number] | null | undefined): Range | undefined => {
    if (!range) return undefined;
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(range[1]);
    return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
  };
  return (path, part = 'key') => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    // Walk as deep as the path goes; a missing tail points at the deepest existing parent.
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const next = node.items[segment];
        if (!next) break;
        keyNode = next;
        node = next;
      } else {
        break;
      }
    }
    const target = (part === 'key' && keyNode ? keyNode : (node ?? keyNode)) as Node | undefined;
    return toRange(target?.range);
  };
}

export { LineCounter };
