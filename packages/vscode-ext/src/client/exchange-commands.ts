import { stat } from 'node:fs/promises';
import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import { formatMessage, parseConfig } from '@unsilo/sdk/catalog';
import { compileMapping, parseMapping } from '@unsilo/sdk/mapping';
import {
  createClientPusher,
  mappingDigest,
  PublishError,
  publishCatalog as publishWithSdk,
  readSource,
  sync,
  syncMappingOf,
} from '@unsilo/sdk/sync';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { getClientSecret, redact } from './secrets';

// Loaded on first use of an exchange command (dist/exchange.js): the exchange client carries the contract.

export interface ExchangeCommandContext {
  context: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  languageClient: () => LanguageClient | undefined;
}

const lang = () => (vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en');

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
    const message = describeError(error, secret);
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
  try {
    // Compiled against the exchange's own entry, as the CLI does: item checks run before rows travel.
    const resource = await client.catalog.get(parsed.mapping.resource);
    const entry = (resource.data as { entry?: unknown }).entry as Parameters<typeof compileMapping>[1];
    const compiled = compileMapping(parsed.mapping, entry);
    if (!compiled.compiled) {
      const first = compiled.diagnostics[0];
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The mapping has errors: {0}', first ? first.message : ''),
      );
      return undefined;
    }
    const source = parsed.mapping.source;
    const info = await stat(inputUri.fsPath);
    const folder = vscode.workspace.getWorkspaceFolder(inputUri)?.uri ?? vscode.Uri.joinPath(inputUri, '..');
    const checkpoint = vscode.Uri.joinPath(
      folder,
      '.unsilo/sync',
      `${parsed.mapping.resource.replace(/[^0-9A-Za-z]+/g, '-')}.json`,
    ).fsPath;
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Syncing to the exchange…'),
        cancellable: true,
      },
      (progress, token) => {
        token.onCancellationRequested(() => stop.abort());
        return sync({
          mapping: syncMappingOf(compiled.compiled!, text, mappingDigest),
          rows: readSource(inputUri.fsPath, source.format, {
            ...(source.encoding ? { encoding: source.encoding } : {}),
            ...(source.delimiter ? { delimiter: source.delimiter } : {}),
            ...(source.sheet !== undefined ? { sheet: source.sheet } : {}),
          }),
          push: createClientPusher(client),
          input: { path: inputUri.fsPath, size: info.size, mtimeMs: info.mtimeMs },
          checkpoint,
          resume: 'if-interrupted',
          stop: stop.signal,
          onProgress: (p) => progress.report({ message: `${(p as { read?: number }).read ?? ''}` }),
        });
      },
    );
    const message = vscode.l10n.t(
      'Sync finished: {0} read, {1} accepted, {2} rejected.',
      result.read,
      result.accepted,
      result.rejected,
    );
    output.appendLine(`[sync] ${message}${result.rejectsFile ? ` rejects: ${result.rejectsFile}` : ''}`);
    void vscode.window.showInformationMessage(message);
    return result;
  } catch (error) {
    const message = describeError(error, secret);
    output.appendLine(`[sync] ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Sync failed: {0}', message));
    return undefined;
  }
}
