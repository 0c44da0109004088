import { applyFixes, automaticFix, type Diagnostic as CatalogDiagnostic } from '@unsilo/sdk/catalog';
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileLintResult } from './diagnostics';
import { docsUrlOf } from './diagnostics';
import { sameRange, toLspDiagnostic, toLspEdit, toLspRange } from './lsp-convert';
import type { Lang } from './settings';

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll;

function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/**
 * Quick fixes come from the linter's own fixes, so the editor offers exactly what `unsilo lint` would apply.
 * They are only offered while the document still has the text they were computed on.
 */
export function codeActions(
  document: TextDocument,
  result: FileLintResult | undefined,
  params: CodeActionParams,
  lang: Lang,
): CodeAction[] {
  if (!result || result.text !== document.getText()) return [];
  const actions: CodeAction[] = [];
  if (wants(params, CodeActionKind.QuickFix)) {
    for (const d of result.diagnostics) {
      if (d.fixes.length === 0) continue;
      const range = toLspRange(d.range);
      const asked = params.context.diagnostics.some((c) => c.code === d.rule && sameRange(c.range, range));
      if (!asked && !sharesLine(range, params.range)) continue;
      const lspDiagnostic: Diagnostic = toLspDiagnostic(d, lang, docsUrlOf(d.rule));
      const preferred = automaticFix(d);
      d.fixes.forEach((fix) => {
        actions.push({
          title: fix.title[lang],
          kind: CodeActionKind.QuickFix,
          diagnostics: [lspDiagnostic],
          // A suggestion may change the meaning: offered, never the one a "preferred fix" shortcut applies.
          isPreferred: fix === preferred,
          edit: { changes: { [document.uri]: fix.edits.map((e) => toLspEdit(document, e)) } },
        });
      });
    }
  }
  const fixable = result.diagnostics.filter((d) => automaticFix(d) !== undefined);
  const fixAll = fixAllAction(document, fixable, lang);
  if (
    fixAll &&
    (wants(params, FIX_ALL_KIND) || (wants(params, CodeActionKind.QuickFix) && fixable.length > 1))
  ) {
    actions.push(
      wants(params, FIX_ALL_KIND) && params.context.only
        ? fixAll
        : { ...fixAll, kind: CodeActionKind.QuickFix },
    );
  }
  return actions;
}

/** "Fix all in file": the automatic fix of every diagnostic (no suggestion), as `unsilo lint --fix` applies them. */
export function fixAllAction(
  document: TextDocument,
  fixable: CatalogDiagnostic[],
  lang: Lang,
): CodeAction | undefined {
  if (fixable.length === 0) return undefined;
  const text = document.getText();
  const fixed = applyFixes(
    text,
    fixable.flatMap((d) => {
      const fix = automaticFix(d);
      return fix ? [fix] : [];
    }),
  );
  if (fixed === text) return undefined;
  return {
    title:
      lang === 'zh'
        ? `修复本文件中所有可自动修复的问题（${fixable.length}）`
        : `Fix all auto-fixable problems in this file (${fixable.length})`,
    kind: FIX_ALL_KIND,
    edit: {
      changes: {
        [document.uri]: [
          {
            range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) },
            newText: fixed,
          },
        ],
      },
    },
  };
}

type LspRange = CodeActionParams['range'];

/** The lines a range covers; a range ending at the start of a line leaves that line out. */
function linesOf(range: LspRange): [number, number] {
  const { start, end } = range;
  return [start.line, end.line > start.line && end.character === 0 ? end.line - 1 : end.line];
}

/**
 * Whether a finding is on a line the request covers. VS Code asks with the cursor (an empty range) and only the
 * diagnostics under it: a cursor at the start of `publishedAt: 2019/05/10` is on the date's line, not on the date,
 * and must still be offered the date's own fix, not only "fix all".
 */
function sharesLine(diagnostic: LspRange, request: LspRange): boolean {
  const [first, last] = linesOf(diagnostic);
  const [from, to] = linesOf(request);
  return first <= to && from <= last;
}
