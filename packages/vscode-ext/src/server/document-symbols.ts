import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isPair, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { type FileKind, schemaAt } from './schema-model';

/**
 * Outline of a catalogue file: the resource (its code and name) with its sections, and one symbol per
 * information item (name and key). Mapping files list their target fields.
 */
export function documentSymbols(document: TextDocument, kind: FileKind): DocumentSymbol[] {
  const text = document.getText();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const root = doc.contents as Node | null;
  if (!isMap(root) || !root.range) return [];
  const range = (node: Node | null | undefined, fallback: Node) => {
    const r = (node?.range ?? fallback.range) as [number, number, number];
    return { start: document.positionAt(r[0]), end: document.positionAt(r[2] ?? r[1]) };
  };
  const get = (key: string) => root.get(key, true) as Node | undefined;
  const scalar = (node: unknown) => (isScalar(node) ? String(node.value ?? '') : '');

  const children: DocumentSymbol[] = [];
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const keyNode = pair.key as Node;
    const value = pair.value as Node | null;
    const full = {
      start: document.positionAt(keyNode.range?.[0] ?? 0),
      end: document.positionAt((value?.range?.[2] ?? value?.range?.[1] ?? keyNode.range?.[1]) || 0),
    };
    const selection = range(keyNode, keyNode);
    const title = schemaAt(kind, [key])?.title;
    const symbol: DocumentSymbol = {
      name: key,
      detail: [title, isScalar(value) ? scalar(value) : ''].filter(Boolean).join(' · '),
      kind: isMap(value) ? SymbolKind.Object : isSeq(value) ? SymbolKind.Array : SymbolKind.Property,
      range: full,
      selectionRange: selection,
    };
    if (kind === 'InformationResource' && key === 'items' && isSeq(value)) {
      symbol.children = value.items.flatMap((item, i) => {
        const node = item as Node;
        if (!isMap(node) || !node.range) return [];
        const name = scalar(node.get('name', true));
        const itemKey = scalar(node.get('key', true));
        const type = scalar(node.get('type', true));
        const r = range(node, node);
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
    if (kind === 'FieldMapping' && key === 'fields' && isMap(value)) {
      symbol.children = value.items.flatMap((p) => {
        if (!isScalar(p.key)) return [];
        const k = p.key as Node;
        const v = p.value as Node | null;
        const r = {
          start: document.positionAt(k.range?.[0] ?? 0),
          end: document.positionAt(v?.range?.[1] ?? k.range?.[1] ?? 0),
        };
        const from = isMap(v) ? scalar(v.get('from', true)) : '';
        return [
          {
            name: String((p.key as { value: unknown }).value),
            detail: from ? `← ${from}` : '',
            kind: SymbolKind.Field,
            range: r,
            selectionRange: range(k, k),
          },
        ];
      });
    }
    children.push(symbol);
  }
  const code = scalar(get('code') ?? get('resource'));
  const name = scalar(get('name'));
  const top: DocumentSymbol = {
    name:
      kind === 'InformationResource' ? name || code || 'InformationResource' : `${code || 'FieldMapping'}`,
    detail: kind === 'InformationResource' ? code : 'FieldMapping',
    kind: kind === 'InformationResource' ? SymbolKind.Module : SymbolKind.Namespace,
    range: range(root, root),
    selectionRange: range(get('code') ?? get('resource') ?? root, root),
    children,
  };
  return [top];
}
