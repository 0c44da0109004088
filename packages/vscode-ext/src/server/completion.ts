import {
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { bilingual, type FileKind, keysAt, type SchemaNode, schemaAt } from './schema-model';
import type { Lang } from './settings';
import { codesetByName, codesets, fieldKey, vocabularyFor } from './vocabulary';
import { completionContext } from './yaml-cursor';

export interface CompletionHelpers {
  /** Resource codes declared in the workspace (for `related` and a mapping's `resource`). */
  resourceCodes(): Array<{ code: string; name: string; path: string }>;
  codesetOfItem?(resource: string, itemKey: string): string | undefined;
}

export function completion(
  document: TextDocument,
  kind: FileKind,
  offset: number,
  lang: Lang,
  helpers: CompletionHelpers,
): CompletionItem[] {
  const text = document.getText();
  const context = completionContext(text, offset);
  if (!context) return [];
  if (context.kind === 'keys') return keyItems(kind, context.path, context.present, lang);
  return valueItems(kind, context.path, lang, text, helpers);
}

function keyItems(
  kind: FileKind,
  path: Array<string | number>,
  present: string[],
  lang: Lang,
): CompletionItem[] {
  const taken = new Set(present);
  return keysAt(kind, path)
    .filter(([key]) => !taken.has(key))
    .map(([key, schema], i) => {
      const { zh, en } = bilingual(schema.description);
      const isObject = !!schema.properties;
      const isArray = schema.type === 'array' || !!schema.items;
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail: schema.title,
        documentation: { kind: MarkupKind.Markdown, value: lang === 'zh' ? zh : en },
        sortText: String(i).padStart(3, '0'),
        insertText: isObject ? `${key}:\n  ` : isArray ? `${key}:\n  - ` : `${key}: `,
        insertTextFormat: InsertTextFormat.PlainText,
      } satisfies CompletionItem;
    });
}

function valueItems(
  kind: FileKind,
  path: Array<string | number>,
  lang: Lang,
  text: string,
  helpers: CompletionHelpers,
): CompletionItem[] {
  const key = fieldKey(path);
  if (kind === 'InformationResource') {
    const vocabulary = vocabularyFor(path);
    if (vocabulary) {
      return vocabulary.map((term, i) => ({
        label: term.token,
        kind: CompletionItemKind.EnumMember,
        detail: term.code ? `${term.zh} (${term.code})` : term.zh,
        documentation: lang === 'zh' ? term.zh : term.en,
        filterText: `${term.token} ${term.zh} ${(term.aliases ?? []).join(' ')}`,
        sortText: String(i).padStart(3, '0'),
      }));
    }
    if (key === 'items.#.codeset') return codesetNameItems(lang);
    if (key === 'related' || key === 'related.#') return resourceCodeItems(helpers, true);
  }
  if (kind === 'FieldMapping') {
    if (key === 'resource') return resourceCodeItems(helpers, true);
    if (path[0] === 'fields' && path[2] === 'codes' && path.length === 4) {
      if (path[3] === 'codeset') return codesetNameItems(lang);
      const resource = /^resource:[ \t]*["']?([^"'#\s]+)/m.exec(text)?.[1];
      const name = resource ? helpers.codesetOfItem?.(resource, String(path[1])) : undefined;
      const codeset = name ? codesetByName(name) : undefined;
      if (codeset) {
        return codeset.codes.slice(0, 500).map((c, i) => ({
          label: c.code,
          kind: CompletionItemKind.Value,
          detail: c.label,
          documentation: `${codeset.name} ${lang === 'zh' ? c.label : (c.labelEn ?? c.label)}`,
          filterText: `${c.code} ${c.label}`,
          sortText: String(i).padStart(4, '0'),
          insertText: JSON.stringify(c.code),
        }));
      }
    }
  }
  const schema = schemaAt(kind, path);
  const choices = schema ? choicesOf(schema) : [];
  if (choices.length > 0) {
    return choices.map((value) => ({ label: String(value), kind: CompletionItemKind.EnumMember }));
  }
  if (schema?.type === 'boolean') {
    return ['true', 'false'].map((value) => ({ label: value, kind: CompletionItemKind.Value }));
  }
  return [];
}

/** The values a schema lists: its `enum`, or the `const` and `enum` of its `oneOf` branches (`codes: identity`). */
function choicesOf(schema: SchemaNode): unknown[] {
  if (schema.enum) return schema.enum;
  return (schema.oneOf ?? []).flatMap(
    (branch) => branch.enum ?? (branch.const !== undefined ? [branch.const] : []),
  );
}

function codesetNameItems(lang: Lang): CompletionItem[] {
  return codesets.map((c) => ({
    label: c.name,
    kind: CompletionItemKind.Module,
    detail: lang === 'zh' ? c.title : c.titleEn,
    documentation: `${c.version} · ${c.codes.length}`,
  }));
}

function resourceCodeItems(helpers: CompletionHelpers, quote: boolean): CompletionItem[] {
  return helpers.resourceCodes().map((r) => ({
    label: r.code,
    kind: CompletionItemKind.Reference,
    detail: r.name,
    documentation: r.path,
    filterText: `${r.code} ${r.name}`,
    insertText: quote ? JSON.stringify(r.code) : r.code,
  }));
}
