import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { type FileKind, schemaAt } from './schema-model';

type Range = DocumentSymbol['range'];

/**
 * Outline of a catalogue file: the resource (its code and name) with its sections, and one symbol per
 * information item (name and key). Mapping files list their target fields.
 */
export function documentSymbols(document: TextDocument, kind: FileKind): DocumentSymbol[] {
  const doc = parseDocument(document.getText(), { prettyErrors: false, uniqueKeys: false });
  const root = doc.contents as Node | null;
  if (!isMap(root) || !root.range) return [];
  const get = (key: string) => root.get(key, true) as Node | undefined;
  const children: DocumentSymbol[] = [];
  for (const pair of root.items) {
    if (isPair(pair) && isScalar(pair.key))
      children.push(sectionSymbol(document, kind, pair.key, pair.value as Node | null));
  }
  const code = scalar(get('code') ?? get('resource'));
  const name = scalar(get('name'));
  const top: DocumentSymbol = {
    name:
      kind === 'InformationResource' ? name || code || 'InformationResource' : `${code || 'FieldMapping'}`,
    detail: kind === 'InformationResource' ? code : 'FieldMapping',
    kind: kind === 'InformationResource' ? SymbolKind.Module : SymbolKind.Namespace,
    range: rangeOf(document, root),
    selectionRange: rangeOf(document, get('code') ?? get('resource') ?? root, root),
    children,
  };
  return [top];
}

const scalar = (node: unknown) => (isScalar(node) ? String(node.value ?? '') : '');

function rangeOf(document: TextDocument, node: Node, fallback = node): Range {
  const r = (node.range ?? fallback.range) as [number, number, number];
  return { start: document.positionAt(r[0]), end: document.positionAt(r[2] ?? r[1]) };
}

/** One top-level key: its schema title and scalar value; items and mapping fields as its children. */
function sectionSymbol(
  document: TextDocument,
  kind: FileKind,
  keyNode: Scalar,
  value: Node | null,
): DocumentSymbol {
  const key = String(keyNode.value);
  const symbol: DocumentSymbol = {
    name: key,
    detail: [schemaAt(kind, [key])?.title, isScalar(value) ? scalar(value) : ''].filter(Boolean).join(' · '),
    kind: isMap(value) ? SymbolKind.Object : isSeq(value) ? SymbolKind.Array : SymbolKind.Property,
    range: {
      start: document.positionAt(keyNode.range?.[0] ?? 0),
      end: document.positionAt((value?.range?.[2] ?? value?.range?.[1] ?? keyNode.range?.[1]) || 0),
    },
    selectionRange: rangeOf(document, keyNode),
  };
  if (kind === 'InformationResource' && key === 'items' && isSeq(value))
    symbol.children = itemSymbols(document, value);
  if (kind === 'FieldMapping' && key === 'fields' && isMap(value))
    symbol.children = fieldSymbols(document, value);
  return symbol;
}

/** The information items of a catalogue entry: name (or key, or position), key and type. */
function itemSymbols(document: TextDocument, items: YAMLSeq): DocumentSymbol[] {
  return items.items.flatMap((item, i) => {
    const node = item as Node;
    if (!isMap(node) || !node.range) return [];
    const name = scalar(node.get('name', true));
    const itemKey = scalar(node.get('key', true));
    const type = scalar(node.get('type', true));
    const r = rangeOf(document, node);
    return [
      {
        name: name || itemKey || `#${i + 1}`,
        detail: [itemKey, type].filter(Boolean).join(' · '),
        kind: SymbolKind.Field,
        range: r,
        selectionRange: r,
      },
    ];
  });
}

/** The target fields of a mapping file, each with the source column it comes from. */
function fieldSymbols(document: TextDocument, fields: YAMLMap): DocumentSymbol[] {
  return fields.items.flatMap((p) => {
    if (!isScalar(p.key)) return [];
    const k = p.key as Node;
    const v = p.value as Node | null;
    const from = isMap(v) ? scalar(v.get('from', true)) : '';
    return [
      {
        name: String((p.key as { value: unknown }).value),
        detail: from ? `← ${from}` : '',
        kind: SymbolKind.Field,
        range: {
          start: document.positionAt(k.range?.[0] ?? 0),
          end: document.positionAt(v?.range?.[1] ?? k.range?.[1] ?? 0),
        },
        selectionRange: rangeOf(document, k),
      },
    ];
  });
}
