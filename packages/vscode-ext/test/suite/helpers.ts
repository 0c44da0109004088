import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UnsiloExtensionApi } from '../../src/client/extension';

export const EXTENSION_ID = 'unsilo.unsilo-vscode';

export async function activateExtension(): Promise<UnsiloExtensionApi> {
  const extension = vscode.extensions.getExtension<UnsiloExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${last})` : ''}`);
}

export const rulesOf = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'unsilo')
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));

export async function openInEditor(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document);
}

export function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not found in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}
