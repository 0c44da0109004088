import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DidLintNotification, LintWorkspaceRequest, type LintWorkspaceResult } from '../shared/protocol';
import { displayLang, onDidChangeDisplayLang } from './display-language';
import type * as ExchangeCommands from './exchange-commands';
import { createLanguageClient } from './language-client';
import { isMappingText, MappingPreviewManager } from './mapping-preview';
import { clearClientSecret, storeClientSecret } from './secrets';

/** What the extension returns from `activate`: used by its integration tests, not a public API. */
export interface UnsiloExtensionApi {
  ready: Promise<void>;
  client: () => LanguageClient | undefined;
  previews: MappingPreviewManager;
  /** Where the exchange client secret lives (the tests check it never reaches settings). */
  secrets: vscode.SecretStorage;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<UnsiloExtensionApi> {
  const output = vscode.window.createOutputChannel('Unsilo', { log: true });
  client = createLanguageClient(context, output);
  const previews = new MappingPreviewManager(context, () => client, displayLang);
  // Diagnostics follow through the server's configuration sync; open previews are rendered again here.
  context.subscriptions.push(
    output,
    previews,
    onDidChangeDisplayLang(() => previews.renderAll()),
  );
  trackMappingContext(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('unsilo.lintWorkspace', lintWorkspace),
    ...previewCommands(previews),
    ...secretCommands(context),
    ...exchangeCommands(context, output),
  );
  const ready = client.start().then(() => {
    context.subscriptions.push(client!.onNotification(DidLintNotification, () => previews.refreshAll()));
  });
  ready.catch((e) =>
    output.appendLine(`language server failed to start: ${e instanceof Error ? e.message : e}`),
  );
  return { ready, client: () => client, previews, secrets: context.secrets };
}

/** Keeps `unsilo.isMappingFile` true while a mapping file is in the active editor (menus and keys use it). */
function trackMappingContext(context: vscode.ExtensionContext): void {
  const update = (editor: vscode.TextEditor | undefined) => {
    const isMapping =
      !!editor && editor.document.languageId === 'yaml' && isMappingText(editor.document.getText());
    void vscode.commands.executeCommand('setContext', 'unsilo.isMappingFile', isMapping);
  };
  update(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidSaveTextDocument(() => update(vscode.window.activeTextEditor)),
  );
}

async function lintWorkspace(): Promise<LintWorkspaceResult | undefined> {
  if (!client) return undefined;
  const languageClient = client;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Linting catalogue files…') },
    () => languageClient.sendRequest<LintWorkspaceResult>(LintWorkspaceRequest),
  );
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      '{0} catalogue files: {1} errors, {2} warnings, {3} infos.',
      result.files,
      result.errors,
      result.warnings,
      result.infos,
    ),
  );
  if (result.errors + result.warnings + result.infos > 0) {
    void vscode.commands.executeCommand('workbench.actions.view.problems');
  }
  return result;
}

function previewCommands(previews: MappingPreviewManager): vscode.Disposable[] {
  const mappingUri = (uri: vscode.Uri | undefined) => uri ?? vscode.window.activeTextEditor?.document.uri;
  return [
    vscode.commands.registerCommand('unsilo.previewMapping', async (uri?: vscode.Uri) => {
      const target = mappingUri(uri);
      if (!target) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Open a mapping file (kind: FieldMapping) first.'),
        );
        return;
      }
      const document = await vscode.workspace.openTextDocument(target);
      if (!isMappingText(document.getText())) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            '{0} is not a mapping file (kind: FieldMapping).',
            vscode.workspace.asRelativePath(target),
          ),
        );
        return;
      }
      await previews.open(target);
    }),
    vscode.commands.registerCommand('unsilo.pickPreviewSample', async (uri?: vscode.Uri) => {
      const target = mappingUri(uri);
      if (target) await previews.pickSample(target);
    }),
  ];
}

function secretCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('unsilo.setClientSecret', async () => {
      const secret = await vscode.window.showInputBox({
        password: true,
        ignoreFocusOut: true,
        prompt: vscode.l10n.t(
          'Client secret of this department on the exchange (stored in the system keychain, not in settings)',
        ),
      });
      if (secret) {
        await storeClientSecret(context.secrets, secret);
        void vscode.window.showInformationMessage(vscode.l10n.t('Client secret stored.'));
      }
    }),
    vscode.commands.registerCommand('unsilo.clearClientSecret', async () => {
      await clearClientSecret(context.secrets);
      void vscode.window.showInformationMessage(vscode.l10n.t('Client secret removed.'));
    }),
  ];
}

function exchangeCommands(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): vscode.Disposable[] {
  // The exchange client (with the contract it validates against) is loaded on first use, not at activation.
  const exchange = (): typeof ExchangeCommands => require(context.asAbsolutePath('dist/exchange.js'));
  const exchangeContext = { context, output, languageClient: () => client };
  return [
    vscode.commands.registerCommand('unsilo.publishCatalog', () =>
      exchange().publishCatalog(exchangeContext),
    ),
    vscode.commands.registerCommand('unsilo.sync', (mapping?: vscode.Uri, input?: vscode.Uri) =>
      exchange().syncMapping(exchangeContext, mapping, input),
    ),
  ];
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
