import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import { formatMessage, parseConfig } from '@unsilo/sdk/catalog';
import { parseMapping } from '@unsilo/sdk/mapping';
import { PublishError, publishCatalog as publishWithSdk } from '@unsilo/sdk/publish';
import { heldDeletesMessage, SyncMappingError, syncFile } from '@unsilo/sdk/sync';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { displayLang } from './display-language';
import { getClientSecret, redact } from './secrets';
import { workspaceTimeZone } from './workspace-time-zone';

// Loaded on first use of an exchange command (dist/exchange.js): the exchange client carries the contract.

export interface ExchangeCommandContext {
  context: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  languageClient: () => LanguageClient | undefined;
}

/** Output and refusals follow `unsilo.language`, like the diagnostics. */
const lang = displayLang;

/** An exchange client with the department's credentials: id from settings, secret from SecretStorage. */
async function connect(
  context: vscode.ExtensionContext,
): Promise<{ client: ExchangeClient; secret: string | undefined } | undefined> {
  const config = vscode.workspace.getConfiguration('unsilo.exchange');
  const url = config.get<string>('url', '').trim();
  const clientId = config.get<string>('clientId', '').trim();
  if (!url) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Set unsilo.exchange.url to the exchange to use.'));
    return undefined;
  }
  const secret = await getClientSecret(context.secrets);
  if (!clientId || !secret) {
    const action = vscode.l10n.t('Set client secret');
    const choice = await vscode.window.showErrorMessage(
      clientId
        ? vscode.l10n.t('No client secret stored for {0}.', clientId)
        : vscode.l10n.t('Set unsilo.exchange.clientId and the client secret first.'),
      action,
    );
    if (choice === action) await vscode.commands.executeCommand('unsilo.setClientSecret');
    return undefined;
  }
  const client = createExchangeClient({
    baseUrl: url,
    auth: { type: 'clientCredentials', clientId, clientSecret: secret },
  });
  return { client, secret };
}

const describeError = (error: unknown, secret: string | undefined) =>
  redact(error instanceof Error ? error.message : String(error), secret);

/** A withdrawal is permanent: the editor never prunes, it names what is on the exchange without a file. */
function listKeptWithoutFile(
  items: ReadonlyArray<{ action: string; code: string; name: string }>,
  output: vscode.OutputChannel,
): void {
  for (const item of items.filter((i) => i.action === 'orphan'))
    output.appendLine(
      lang() === 'zh'
        ? `[publish] ${item.code} ${item.name}：交换平台上有，工作区中没有文件，已保留（撤销请用 unsilo publish --prune）`
        : `[publish] ${item.code} ${item.name}: on the exchange without a file here, kept (unsilo publish --prune withdraws it)`,
    );
}

/** Unsilo: Publish Catalogue — the SDK's publish (as `unsilo publish`): lint, plan, apply with If-Match. */
export async function publishCatalog({ context, output }: ExchangeCommandContext): Promise<unknown> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const connection = await connect(context);
  if (!connection) return undefined;
  const { client, secret } = connection;
  let lint: ReturnType<typeof parseConfig>['config'] | undefined;
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'unsilo.config.yaml'));
    lint = parseConfig(new TextDecoder().decode(bytes)).config;
  } catch {
    lint = undefined; // no unsilo.config.yaml: the default rules
  }
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Publishing the catalogue…') },
      (progress) =>
        publishWithSdk({
          dir: folder.uri.fsPath,
          client,
          ...(lint ? { lint } : {}),
          onStep: (step) => {
            output.appendLine(
              `[publish] ${step.code} ${step.action} ${step.status}${step.detail ? ` ${redact(step.detail, secret)}` : ''}`,
            );
            progress.report({ message: `${step.code} ${step.action}` });
          },
        }),
    );
    const created = result.plan.items.filter((i) => i.action === 'create').length;
    const changed = result.plan.items.filter((i) => i.action === 'change').length;
    const problems = result.failures.length + result.conflicts.length;
    for (const f of result.failures)
      output.appendLine(`[publish] ${f.code} ${f.step}: ${redact(f.error, secret)}`);
    for (const c of result.conflicts)
      output.appendLine(`[publish] ${c.code}: ${lang() === 'zh' ? c.zh : c.message}`);
    listKeptWithoutFile(result.plan.items, output);
    const message = vscode.l10n.t(
      'Catalogue published: {0} created, {1} updated, {2} failed.',
      created,
      changed,
      problems,
    );
    output.appendLine(`[publish] ${message}`);
    if (problems) {
      output.show(true);
      void vscode.window.showWarningMessage(message);
    } else void vscode.window.showInformationMessage(message);
    return result;
  } catch (error) {
    if (error instanceof PublishError && error.code === 'publish.lint_failed') {
      for (const d of error.diagnostics) {
        output.appendLine(
          `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.rule} ${formatMessage(d, lang())}`,
        );
      }
      const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'The catalogue has {0} errors; fix them before publishing (the exchange refuses entries with errors).',
          errors,
        ),
      );
      void vscode.commands.executeCommand('workbench.actions.view.problems');
      return { refused: 'lint', errors };
    }
    const message =
      error instanceof PublishError
        ? redact(lang() === 'zh' ? error.zh : error.message, secret)
        : describeError(error, secret);
    output.appendLine(`[publish] ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Publishing failed: {0}', message));
    return undefined;
  }
}

/** Unsilo: Sync — the SDK's sync (as `unsilo sync`): streaming read, batches, receipts, resumable checkpoint. */
export async function syncMapping(
  { context, output }: ExchangeCommandContext,
  mappingArg?: vscode.Uri,
  inputArg?: vscode.Uri,
): Promise<unknown> {
  const mappingUri = mappingArg ?? vscode.window.activeTextEditor?.document.uri;
  if (!mappingUri) return undefined;
  const text = (await vscode.workspace.openTextDocument(mappingUri)).getText();
  const parsed = parseMapping(text);
  if (!parsed.mapping) {
    const first = parsed.diagnostics[0];
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The mapping has errors: {0}', first ? first.message : ''),
    );
    return undefined;
  }
  const inputUri =
    inputArg ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: vscode.Uri.joinPath(mappingUri, '..'),
        openLabel: vscode.l10n.t('Sync this file'),
        filters: { [vscode.l10n.t('Legacy export')]: ['csv', 'ndjson', 'jsonl', 'txt', 'xlsx'] },
      })
    )?.[0];
  if (!inputUri) return undefined;
  const connection = await connect(context);
  if (!connection) return undefined;
  const { client, secret } = connection;
  const stop = new AbortController();
  const timeZone = await workspaceTimeZone(mappingUri);
  try {
    const folder = vscode.workspace.getWorkspaceFolder(inputUri)?.uri ?? vscode.Uri.joinPath(inputUri, '..');
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Syncing to the exchange…'),
        cancellable: true,
      },
      (progress, token) => {
        token.onCancellationRequested(() => stop.abort());
        // As `unsilo sync`: compiled against the exchange's own entry, so item checks run before rows travel.
        return syncFile({
          mapping: { text },
          input: inputUri.fsPath,
          client,
          folder: folder.fsPath,
          timeZone,
          resume: 'if-interrupted',
          stop: stop.signal,
          onProgress: (p) => progress.report({ message: `${p.read}` }),
        });
      },
    );
    reportSyncResult(result, output);
    return result;
  } catch (error) {
    if (error instanceof SyncMappingError) {
      const first = error.diagnostics.find((d) => d.severity === 'error');
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The mapping has errors: {0}', first ? first.message : ''),
      );
      return undefined;
    }
    const message = describeError(error, secret);
    output.appendLine(`[sync] ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Sync failed: {0}', message));
    return undefined;
  }
}

/** The finished sync in the output channel and a notification; held snapshot deletes as a warning. */
function reportSyncResult(result: Awaited<ReturnType<typeof syncFile>>, output: vscode.OutputChannel): void {
  const message = vscode.l10n.t(
    'Sync finished: {0} read, {1} accepted, {2} rejected.',
    result.read,
    result.accepted,
    result.rejected,
  );
  output.appendLine(`[sync] ${message}${result.rejectsFile ? ` rejects: ${result.rejectsFile}` : ''}`);
  if (!result.heldDeletes) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  // Snapshot deletes held back (an empty or truncated export, keyless rejects): applied from `unsilo sync`.
  const held = heldDeletesMessage(result.heldDeletes, 'cli')[lang()];
  output.appendLine(`[sync] ${held}`);
  void vscode.window.showWarningMessage(`${message} ${held}`);
}
