import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import { isCatalogEntryText, lintWorkspace, parseCatalogFile, parseConfig } from '@unsilo/sdk/catalog';
import { loadMapping, type TargetEntry } from '@unsilo/sdk/mapping';
import { type BatchAnswer, createBatchPusher, mappingDigest, sync } from '@unsilo/sdk/sync';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CatalogEntryRequest, type CatalogEntryResult } from '../shared/protocol';
import { readSample } from './sample-reader';
import { getClientSecret, redact } from './secrets';

interface ExchangeSettings {
  url: string;
  clientId: string;
}

function exchangeSettings(): ExchangeSettings {
  const config = vscode.workspace.getConfiguration('unsilo.exchange');
  return { url: config.get<string>('url', '').trim(), clientId: config.get<string>('clientId', '').trim() };
}

/** An exchange client with the department's credentials: id from settings, secret from SecretStorage. */
async function connect(
  context: vscode.ExtensionContext,
): Promise<{ client: ExchangeClient; secret: string | undefined } | undefined> {
  const { url, clientId } = exchangeSettings();
  if (!url) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Set unsilo.exchange.url to the exchange to use.'));
    return undefined;
  }
  const secret = await getClientSecret(context.secrets);
  if (clientId && !secret) {
    const action = vscode.l10n.t('Set client secret');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('No client secret stored for {0}.', clientId),
      action,
    );
    if (choice === action) await vscode.commands.executeCommand('unsilo.setClientSecret');
    return undefined;
  }
  const client = createExchangeClient({
    baseUrl: url,
    auth: clientId && secret ? { type: 'clientCredentials', clientId, clientSecret: secret } : undefined,
  });
  return { client, secret };
}

function describeError(error: unknown, secret: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return redact(message, secret);
}

export interface ExchangeCommandContext {
  context: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  languageClient: () => LanguageClient | undefined;
}

/** Unsilo: Publish Catalogue — lint like the CLI, refuse on errors, then create or update each entry. */
export async function publishCatalog({ context, output }: ExchangeCommandContext): Promise<void> {
  {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const connection = await connect(context);
    if (!connection) return;
    const { client, secret } = connection;
    const uris = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git,dist,out}/**');
    const files: Array<{ path: string; text: string }> = [];
    for (const uri of uris) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (isCatalogEntryText(text)) files.push({ path: vscode.workspace.asRelativePath(uri, false), text });
    }
    let config = {};
    try {
      const configText = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'unsilo.config.yaml')),
      );
      config = parseConfig(configText).config;
    } catch {
      // no unsilo.config.yaml: default rules
    }
    const lint = lintWorkspace(files, { config });
    if (lint.summary.errors > 0) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'The catalogue has {0} errors; fix them before publishing (the exchange refuses entries with errors).',
          lint.summary.errors,
        ),
      );
      void vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    }
    const counts = { created: 0, updated: 0, failed: 0 };
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Publishing the catalogue…'),
        cancellable: true,
      },
      async (progress, token) => {
        for (const [i, file] of files.entries()) {
          if (token.isCancellationRequested) break;
          progress.report({ message: file.path, increment: 100 / files.length });
          const entry = parseCatalogFile(file.path, file.text).entry as Record<string, unknown> | undefined;
          const code = entry && typeof entry.code === 'string' ? entry.code : undefined;
          if (!entry || !code) continue;
          const { apiVersion: _a, kind: _k, ...body } = entry;
          try {
            const existing = await client.catalog.get(code).catch((e: { status?: number }) => {
              if (e?.status === 404) return undefined;
              throw e;
            });
            if (existing) {
              await client.catalog.update(code, body as never, { ifMatch: existing.etag ?? '*' });
              counts.updated++;
            } else {
              await client.catalog.create(body as never);
              counts.created++;
            }
          } catch (error) {
            counts.failed++;
            output.appendLine(`[publish] ${file.path}: ${describeError(error, secret)}`);
          }
          void i;
        }
      },
    );
    const message = vscode.l10n.t(
      'Catalogue published: {0} created, {1} updated, {2} failed.',
      counts.created,
      counts.updated,
      counts.failed,
    );
    output.appendLine(`[publish] ${message}`);
    if (counts.failed) {
      output.show(true);
      void vscode.window.showWarningMessage(message);
    } else void vscode.window.showInformationMessage(message);
  }
}

/** Unsilo: Sync — map a legacy export with a mapping file and push it, resumably, with receipts checked. */
export async function syncMapping(
  { context, output, languageClient }: ExchangeCommandContext,
  mappingArg?: vscode.Uri,
  inputArg?: vscode.Uri,
): Promise<void> {
  {
    const mappingUri = mappingArg ?? vscode.window.activeTextEditor?.document.uri;
    if (!mappingUri) return;
    const text = (await vscode.workspace.openTextDocument(mappingUri)).getText();
    const inputUri =
      inputArg ??
      (
        await vscode.window.showOpenDialog({
          canSelectMany: false,
          defaultUri: vscode.Uri.joinPath(mappingUri, '..'),
          openLabel: vscode.l10n.t('Sync this file'),
          filters: { [vscode.l10n.t('Legacy export')]: ['csv', 'ndjson', 'jsonl', 'txt'] },
        })
      )?.[0];
    if (!inputUri) return;
    const resource = /^resource:[ \t]*["']?([^"'#\s]+)/m.exec(text)?.[1];
    const found = resource
      ? await languageClient()?.sendRequest<CatalogEntryResult | null>(CatalogEntryRequest, {
          code: resource,
        })
      : null;
    const plain = found
      ? (parseCatalogFile(found.path, found.text).entry as TargetEntry | undefined)
      : undefined;
    const loaded = loadMapping(text, plain);
    if (!loaded.compiled || !loaded.mapping) {
      const first = loaded.diagnostics[0];
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The mapping has errors: {0}', first ? first.message : ''),
      );
      return;
    }
    const connection = await connect(context);
    if (!connection) return;
    const { client, secret } = connection;
    const compiled = loaded.compiled;
    const mapping = loaded.mapping;
    const bytes = await vscode.workspace.fs.readFile(inputUri);
    const sample = readSample(bytes, {
      format: /\.(ndjson|jsonl)$/i.test(inputUri.path) ? 'ndjson' : 'csv',
      encoding: mapping.source?.encoding,
      delimiter: mapping.source?.delimiter,
      maxRows: Number.MAX_SAFE_INTEGER,
    });
    const checkpoint = vscode.Uri.joinPath(
      inputUri,
      '..',
      `.unsilo/${inputUri.path.split('/').pop()}.checkpoint.json`,
    );
    const stop = new AbortController();
    try {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Syncing to the exchange…'),
          cancellable: true,
        },
        async (progress, token) => {
          token.onCancellationRequested(() => stop.abort());
          return sync({
            mapping: {
              resource: mapping.resource,
              key: mapping.key ?? [],
              digest: mappingDigest(text),
              map: (values: Record<string, unknown>, row: number) => {
                const outcome = compiled.mapRow(values as Record<string, string>, row);
                return outcome.errors
                  ? {
                      ok: false,
                      errors: outcome.errors.map((e) => ({
                        field: e.field,
                        rule: e.rule,
                        value: e.value,
                        message: e.message,
                      })),
                    }
                  : { ok: true, record: outcome.record ?? {} };
              },
            } as never,
            rows: (async function* () {
              yield* sample.rows;
            })() as never,
            push: createBatchPusher({
              send: async (request) => {
                const answer = await client.records.batch(request.resource, request.body as never, {
                  idempotencyKey: request.idempotencyKey,
                  retry: false,
                  timeout: 15_000,
                });
                return answer.data as unknown as BatchAnswer;
              },
              receiptKeys: async () => (await client.receiptKeys()).data.keys as never,
            }),
            checkpoint: checkpoint.fsPath,
            resume: true,
            stop: stop.signal,
            total: sample.rows.length,
            onProgress: (p) => progress.report({ message: JSON.stringify(p).slice(0, 120) }),
          });
        },
      );
      const message = vscode.l10n.t(
        'Sync finished: {0} read, {1} accepted, {2} rejected.',
        (result as { read?: number }).read ?? 0,
        (result as { accepted?: number }).accepted ?? 0,
        (result as { rejected?: number }).rejected ?? 0,
      );
      output.appendLine(`[sync] ${message}`);
      void vscode.window.showInformationMessage(message);
    } catch (error) {
      const message = describeError(error, secret);
      output.appendLine(`[sync] ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Sync failed: {0}', message));
    }
  }
}
