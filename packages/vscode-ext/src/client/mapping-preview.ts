import { randomBytes } from 'node:crypto';
import { parseCatalogFile } from '@unsilo/sdk/catalog';
import { type FieldMapping, parseMapping, preview, type TargetEntry } from '@unsilo/sdk/mapping';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type PreviewView, renderPreviewHtml } from '../preview/render';
import { CatalogEntryRequest, type CatalogEntryResult } from '../shared/protocol';
import { readSample } from './sample-reader';

const SAMPLE_STATE_KEY = 'unsilo.preview.samples';
const MAX_SAMPLE_BYTES = 20 * 1024 * 1024;

export const isMappingText = (text: string) =>
  /^apiVersion:[ \t]*["']?unsilo\/v1/m.test(text) && /^kind:[ \t]*["']?FieldMapping/m.test(text);

/** One webview panel per mapping file, beside it, re-rendered when the mapping, its entry or its sample changes. */
export class MappingPreviewManager implements vscode.Disposable {
  private readonly panels = new Map<
    string,
    { panel: vscode.WebviewPanel; html: string; timer?: NodeJS.Timeout }
  >();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
    private readonly lang: 'zh' | 'en',
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panels.has(e.document.uri.toString())) this.schedule(e.document.uri);
        else if (this.panels.size && /^kind:[ \t]*["']?InformationResource/m.test(e.document.getText()))
          this.refreshAll();
      }),
    );
  }

  /** Last HTML rendered for a mapping (the integration tests read it). */
  htmlFor(uri: vscode.Uri): string | undefined {
    return this.panels.get(uri.toString())?.html;
  }

  /** Catalogue files changed (the server linted again): entries may have changed. */
  refreshAll(): void {
    for (const key of this.panels.keys()) this.schedule(vscode.Uri.parse(key));
  }

  async open(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      await this.render(uri);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'unsilo.mappingPreview',
      vscode.l10n.t('Preview: {0}', uri.path.split('/').pop() ?? ''),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], enableFindWidget: true, retainContextWhenHidden: false },
    );
    this.panels.set(key, { panel, html: '' });
    panel.onDidDispose(() => this.panels.delete(key));
    panel.webview.onDidReceiveMessage(async (message: { type?: string }) => {
      if (message?.type === 'pickSample') await this.pickSample(uri);
    });
    await this.render(uri);
  }

  async pickSample(uri: vscode.Uri): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: vscode.Uri.joinPath(uri, '..'),
      filters: { [vscode.l10n.t('Sample data')]: ['csv', 'ndjson', 'jsonl', 'txt', 'xlsx'] },
      openLabel: vscode.l10n.t('Use as sample'),
    });
    if (!picked?.[0]) return;
    const samples = this.context.workspaceState.get<Record<string, string>>(SAMPLE_STATE_KEY, {});
    await this.context.workspaceState.update(SAMPLE_STATE_KEY, {
      ...samples,
      [uri.toString()]: picked[0].toString(),
    });
    await this.render(uri);
  }

  private schedule(uri: vscode.Uri): void {
    const entry = this.panels.get(uri.toString());
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.render(uri), 200);
  }

  async render(uri: vscode.Uri): Promise<string | undefined> {
    const entry = this.panels.get(uri.toString());
    if (!entry) return undefined;
    const view = await this.buildView(uri);
    const html = renderPreviewHtml(view, { nonce: randomBytes(16).toString('base64'), rowLimit: 50 });
    entry.html = html;
    entry.panel.webview.html = html;
    return html;
  }

  private async buildView(uri: vscode.Uri): Promise<PreviewView> {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const notices: string[] = [];
    const view: PreviewView = { lang: this.lang, mappingPath: vscode.workspace.asRelativePath(uri), notices };
    const parsed = parseMapping(text);
    const mapping = parsed.mapping as (FieldMapping & { source?: { sample?: string } }) | undefined;
    if (!mapping) {
      view.result = {
        diagnostics: parsed.diagnostics,
        rows: [],
        summary: { read: 0, accepted: 0, rejected: 0, warnings: 0 },
        rejectsByRule: {},
        uncovered: [],
        sourceColumns: [],
      };
      return view;
    }
    view.mapping = mapping;
    view.resource = mapping.resource;

    let target: TargetEntry | undefined;
    const found =
      (await this.client()
        ?.sendRequest<CatalogEntryResult | null>(CatalogEntryRequest, { code: mapping.resource })
        .catch(() => null)) ?? null;
    if (found) {
      const file = parseCatalogFile(found.path, found.text);
      const plain = file.entry as { code?: string; name?: string; items?: TargetEntry['items'] } | undefined;
      if (plain) {
        target = {
          code: String(plain.code ?? mapping.resource),
          name: plain.name,
          items: Array.isArray(plain.items) ? plain.items.filter((i) => i && typeof i.key === 'string') : [],
        };
        view.entry = {
          name: plain.name,
          path: found.path,
          items: (target.items ?? []).map((i) => ({ key: i.key, name: i.name })),
        };
      }
    } else {
      notices.push(
        vscode.l10n.t('No catalogue file of the workspace declares resource {0}.', mapping.resource),
      );
    }

    const sampleUri = this.sampleUri(uri, mapping);
    let rows: ReturnType<typeof readSample>['rows'] = [];
    if (sampleUri) {
      view.samplePath = vscode.workspace.asRelativePath(sampleUri);
      try {
        const stat = await vscode.workspace.fs.stat(sampleUri);
        if (stat.size > MAX_SAMPLE_BYTES) throw new Error(vscode.l10n.t('the sample is larger than 20 MB'));
        const bytes = await vscode.workspace.fs.readFile(sampleUri);
        const format = /\.(ndjson|jsonl)$/i.test(sampleUri.path)
          ? 'ndjson'
          : /\.xlsx$/i.test(sampleUri.path)
            ? 'xlsx'
            : (mapping.source?.format ?? 'csv');
        const sample = readSample(bytes, {
          format,
          encoding: mapping.source?.encoding,
          delimiter: mapping.source?.delimiter,
          maxRows: 1000,
        });
        rows = sample.rows;
        for (const p of sample.problems.slice(0, 20))
          notices.push(vscode.l10n.t('Sample row {0}: {1}', p.row, p.message));
        if (sample.truncated)
          notices.push(vscode.l10n.t('Only the first {0} rows of the sample are previewed.', 1000));
      } catch (e) {
        notices.push(
          vscode.l10n.t(
            'Cannot read the sample {0}: {1}',
            view.samplePath,
            e instanceof Error ? e.message : String(e),
          ),
        );
      }
    } else {
      notices.push(vscode.l10n.t('No sample file: set source.sample in the mapping or choose one.'));
    }
    view.result = preview(text, target, rows, { limit: 50 });
    return view;
  }

  private sampleUri(uri: vscode.Uri, mapping: { source?: { sample?: string } }): vscode.Uri | undefined {
    const chosen = this.context.workspaceState.get<Record<string, string>>(SAMPLE_STATE_KEY, {})[
      uri.toString()
    ];
    if (chosen) return vscode.Uri.parse(chosen);
    const sample = mapping.source?.sample;
    if (typeof sample === 'string' && sample) return vscode.Uri.joinPath(uri, '..', sample);
    return undefined;
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
