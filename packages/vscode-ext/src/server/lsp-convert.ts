import type {
  Diagnostic as CatalogDiagnostic,
  TextEdit as CatalogEdit,
  FindingSeverity,
} from '@unsilo/sdk/catalog';
import type { TextRange } from '@unsilo/sdk/schemas';
import {
  type Diagnostic,
  DiagnosticSeverity,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from './settings';

/** A finding's severity as LSP counts it. */
export const lspSeverity: Readonly<Record<FindingSeverity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** LSP positions are 0-based; the linter's are 1-based and count UTF-16 code units, as LSP does. */
export function toLspPosition(p: { line: number; column: number }): Position {
  return { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
}

export function toLspRange(r: TextRange): Range {
  return { start: toLspPosition(r.start), end: toLspPosition(r.end) };
}

export function toLspDiagnostic(d: CatalogDiagnostic, lang: Lang, href: string | undefined): Diagnostic {
  return {
    range: toLspRange(d.range),
    severity: lspSeverity[d.severity],
    source: 'unsilo',
    code: d.rule,
    ...(href ? { codeDescription: { href } } : {}),
    message: d.message[lang],
  };
}

export function toLspEdit(document: TextDocument, edit: CatalogEdit): TextEdit {
  return {
    range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) },
    newText: edit.newText,
  };
}

export const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;
