import { randomBytes } from 'node:crypto';
import { parseCatalogFile } from '@unsilo/sdk/catalog';
import {
  type FieldMapping,
  type PreviewView,
  parseMapping,
  renderPreviewHtml,
  targetEntryOf,
} from '@unsilo/sdk/mapping';
import {
  type PreviewMappingRequest,
  type PreviewMappingResult,
  previewMapping,
  sampleFormatOf,
} from '@unsilo/sdk/mapping/jobs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CatalogEntryRequest, type CatalogEntryResult } from '../shared/protocol';
import { localize } from './localize';
import { workspaceTimeZone } from './workspace-time-zone';

const SAMPLE_STATE_KEY = 'unsilo.preview.samples';
/** Larger samples are refused: the preview is a sample, not a run. */
const MAX_SAMPLE_BYTES = 20 * 1024 * 1024;
/** Rows of a sample previewed at most. */
const MAX_SAMPLE_ROWS = 1000;

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
    /** Read at each render: `unsilo.language` may change while the preview is open. */
    private readonly lang: () => 'zh' | 'en',
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panels.has(e.document.uri.toString())) this.schedule(e.document.uri);
        else if (this.panels.size && /^kind:[ \t]*["']?InformationResource/m.test(e.document.getText()))
          this.refreshAll();
      }),
    );
  }

  /** A message of the page in the preview's language (`unsilo.language`), not necessarily VS Code's. */
  private t(message: string, ...args: Array<string | number>): string {
    return localize(this.lang(), message, ...args);
  }

  /** Last HTML rendered for a mapping (the integration tests read it). */
  htmlFor(uri: vscode.Uri): string | undefined {
    return this.panels.get(uri.toString())?.html;
  }

  /** Catalogue files changed (the server linted again): entries may have changed. */
  refreshAll(): void {
    for (const key of this.panels.keys()) this.schedule(vscode.Uri.parse(key));
  }

  /** Renders every open preview again now (the language changed). */
  async renderAll(): Promise<void> {
    await Promise.all([...this.panels.keys()].map((key) => this.render(vscode.Uri.parse(key))));
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
      this.t('Preview: {0}', uri.path.split('/').pop() ?? ''),
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
    const html = renderPreviewHtml(view, {
      nonce: randomBytes(16).toString('base64'),
      rowLimit: 50,
      samplePicker: true,
    });
    entry.html = html;
    entry.panel.title = this.t('Preview: {0}', uri.path.split('/').pop() ?? '');
    entry.panel.webview.html = html;
    return html;
  }

  private async buildView(uri: vscode.Uri): Promise<PreviewView> {
    const document = await vscode.workspace.openTextDocument(uri);
    const parsed = parseMapping(document.getText());
    const mapping = parsed.mapping;
    const notices: string[] = [];
    const request: PreviewMappingRequest = {
      mapping: parsed,
      mappingPath: vscode.workspace.asRelativePath(uri),
      lang: this.lang(),
      sampleRows: MAX_SAMPLE_ROWS,
      limit: 50,
      timeZone: await workspaceTimeZone(uri),
    };
    let samplePath: string | undefined;
    if (mapping) {
      request.entry = await this.targetEntry(mapping.resource, notices);
      ({ sample: request.sample, path: samplePath } = await this.sample(uri, mapping, notices));
    }
    let previewed: PreviewMappingResult;
    try {
      previewed = await previewMapping(request);
    } catch (e) {
      notices.push(this.unreadableSample(samplePath, e));
      previewed = await previewMapping({ ...request, sample: undefined });
    }
    previewed.view.samplePath = samplePath;
    if (previewed.truncated)
      notices.push(this.t('Only the first {0} rows of the sample are previewed.', MAX_SAMPLE_ROWS));
    previewed.view.notices.push(...notices);
    return previewed.view;
  }

  /** The mapping's target entry, asked of the language server (it knows every catalogue file). */
  private async targetEntry(
    resource: string,
    notices: string[],
  ): Promise<PreviewMappingRequest['entry'] | undefined> {
    const found =
      (await this.client()
        ?.sendRequest<CatalogEntryResult | null>(CatalogEntryRequest, { code: resource })
        .catch(() => null)) ?? null;
    const entry = found ? targetEntryOf(parseCatalogFile(found.path, found.text).entry) : undefined;
    if (found && entry) return { entry: { ...entry, code: entry.code || resource }, path: found.path };
    if (!found) notices.push(this.t('No catalogue file of the workspace declares resource {0}.', resource));
    return undefined;
  }

  /**
   * The sample's bytes (read through the workspace's file system), the format to read them as, its path. The
   * rows are read by the SDK's readers, as `unsilo map` reads them.
   */
  private async sample(
    uri: vscode.Uri,
    mapping: FieldMapping,
    notices: string[],
  ): Promise<{ sample?: PreviewMappingRequest['sample']; path?: string }> {
    const sampleUri = this.sampleUri(uri, mapping);
    if (!sampleUri) {
      notices.push(this.t('No sample file: set source.sample in the mapping or choose one.'));
      return {};
    }
    const path = vscode.workspace.asRelativePath(sampleUri);
    try {
      const stat = await vscode.workspace.fs.stat(sampleUri);
      if (stat.size > MAX_SAMPLE_BYTES) throw new Error(this.t('the sample is larger than 20 MB'));
      const bytes = await vscode.workspace.fs.readFile(sampleUri);
      const format = sampleFormatOf(sampleUri.path, mapping.source?.format);
      return { sample: { source: bytes, path, format }, path };
    } catch (e) {
      notices.push(this.unreadableSample(path, e));
      return { path };
    }
  }

  private unreadableSample(path: string | undefined, e: unknown): string {
    return this.t('Cannot read the sample {0}: {1}', path ?? '', e instanceof Error ? e.message : String(e));
  }

  private sampleUri(uri: vscode.Uri, mapping: FieldMapping): vscode.Uri | undefined {
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
