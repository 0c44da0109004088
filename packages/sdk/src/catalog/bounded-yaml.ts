import {
  Composer,
  type CST,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  Parser,
  YAMLParseError,
} from 'yaml';
import { MAX_NESTING_DEPTH } from './depth';

export type BoundedParse = { document: Document.Parsed } | { tooDeepAt: number };

/**
 * `parseDocument` of the `yaml` package, with a depth bound between its two halves. The lexer and parser that
 * build the concrete syntax tree keep their own stacks, so any depth is read safely; the composer that follows
 * recurses once per level. The tree is measured first: a text nesting deeper than the limit is never composed
 * (100,000 nested brackets would overflow the stack, and a thousand already take the process's stack close).
 */
export function parseBoundedDocument(text: string, options: ParseOptions & DocumentOptions): BoundedParse {
  const tokens = Array.from(new Parser().parse(text));
  const tooDeepAt = firstTooDeep(tokens, MAX_NESTING_DEPTH);
  if (tooDeepAt !== undefined) return { tooDeepAt };
  let document: Document.Parsed | undefined;
  for (const next of new Composer(options).compose(tokens, true, text.length)) {
    if (!document) {
      document = next;
    } else {
      // What `parseDocument` does with a second document.
      document.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  // The composer always ends with a document, empty for an empty text.
  return { document: document! };
}

/** The offset of the first collection nested deeper than `limit`, walking the tree with an explicit stack. */
function firstTooDeep(tokens: readonly CST.Token[], limit: number): number | undefined {
  const pending: Array<CST.Token | null | undefined> = [...tokens];
  const depths: number[] = tokens.map(() => 0);
  while (pending.length > 0) {
    const token = pending.pop();
    const depth = depths.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      pending.push(token.value);
      depths.push(depth);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > limit) return token.offset;
      for (const item of token.items) {
        pending.push(item.key, item.value);
        depths.push(depth + 1, depth + 1);
      }
    }
  }
  return undefined;
}
