import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCatalogFile } from '@unsilo/sdk/catalog';
import { type MappingDiagnostic, type ParsedMapping, parseMapping, targetEntryOf } from '@unsilo/sdk/mapping';
import { diagnoseMapping, sampleFormatOf } from '@unsilo/sdk/mapping/jobs';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lspSeverity, toLspRange } from './lsp-convert';
import type { Lang } from './settings';
import { unsiloKindOf } from './workspace-model';

/** What mapping diagnostics need from the server. */
export interface MappingDiagnosticsHost {
  /** The catalogue file that declares a resource code, when the workspace has one. */
  entryFile(code: string): { path: string; text: string } | undefined;
  lang(): Lang;
  debounceMs(): number;
  enabled(): boolean;
}

/**
 * Diagnostics for the open mapping files, from the SDK's mapping compiler (`diagnoseMapping`, what `unsilo map`
 * runs): syntax and schema, unknown items, code sets and transforms, coded items without `codes:`, and the
 * columns the mapping reads that its `source.sample` lacks. A mapping is diagnosed again when it changes and
 * when a catalogue file changes in the editor (its entry may have).
 */
export class MappingDiagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The text each publish was computed on: a slow diagnosis of an older text is dropped. */
  private readonly pending = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly host: MappingDiagnosticsHost,
  ) {
    documents.onDidOpen((e) => this.changed(e.document, 0));
    documents.onDidChangeContent((e) => this.changed(e.document, host.debounceMs()));
    documents.onDidClose((e) => this.clear(e.document.uri));
  }

  /** Diagnoses every open mapping file again now (the language changed). */
  refreshAll(): void {
    if (!this.host.enabled()) return;
    for (const open of this.documents.all()) if (isMapping(open)) this.schedule(open.uri, 0);
  }

  private changed(document: TextDocument, delayMs: number): void {
    if (!this.host.enabled()) return;
    if (isMapping(document)) this.schedule(document.uri, delayMs);
    else for (const open of this.documents.all()) if (isMapping(open)) this.schedule(open.uri, delayMs);
  }

  private schedule(uri: string, delayMs: number): void {
    clearTimeout(this.timers.get(uri));
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.publish(uri).catch(() => undefined);
    }, delayMs);
    timer.unref();
    this.timers.set(uri, timer);
  }

  private async publish(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document || !isMapping(document)) return;
    const text = document.getText();
    this.pending.set(uri, text);
    const diagnostics = await this.diagnose(uri, text);
    if (this.pending.get(uri) !== text || this.documents.get(uri) === undefined) return;
    this.pending.delete(uri);
    const lang = this.host.lang();
    await this.connection.sendDiagnostics({ uri, diagnostics: diagnostics.map((d) => toLsp(d, lang)) });
  }

  private async diagnose(uri: string, text: string): Promise<MappingDiagnostic[]> {
    const parsed = parseMapping(text);
    const mapping = parsed.mapping;
    if (!mapping) return parsed.diagnostics;
    const file = this.host.entryFile(mapping.resource);
    const entry = file ? targetEntryOf(parseCatalogFile(file.path, file.text).entry) : undefined;
    const samplePath = mapping.source.sample && uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    const sample =
      samplePath && mapping.source.sample ? resolve(dirname(samplePath), mapping.source.sample) : undefined;
    const diagnostics = await diagnoseMapping({
      mapping: parsed,
      entry,
      sample: sample ? { source: sample, format: sampleFormatOf(sample, mapping.source.format) } : undefined,
    });
    return file ? diagnostics : [entryMissing(parsed, mapping.resource), ...diagnostics];
  }

  private clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }
}

const isMapping = (document: TextDocument) => unsiloKindOf(document.getText()) === 'FieldMapping';

function entryMissing(parsed: ParsedMapping, resource: string): MappingDiagnostic {
  return {
    code: 'mapping/entry-not-found',
    severity: 'warning',
    message: `no catalogue file of the workspace declares resource ${resource}: the mapping is not checked against its entry`,
    zh: `工作区中没有声明资源 ${resource} 的目录文件：未对照目录条目检查映射`,
    path: ['resource'],
    range: parsed.locate(['resource'], 'value'),
  };
}

function toLsp(d: MappingDiagnostic, lang: Lang): Diagnostic {
  return {
    range: toLspRange(d.range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }),
    severity: lspSeverity[d.severity],
    source: 'unsilo',
    code: d.code,
    message: lang === 'zh' ? d.zh : d.message,
  };
}
