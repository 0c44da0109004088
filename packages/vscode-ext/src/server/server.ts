import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import {
  type CatalogEntryParams,
  CatalogEntryRequest,
  type CatalogEntryResult,
  DidLintNotification,
  LintWorkspaceRequest,
  type LintWorkspaceResult,
} from '../shared/protocol';
import { codeActions } from './code-actions';
import { completion } from './completion';
import { DiagnosticsService } from './diagnostics';
import { documentSymbols } from './document-symbols';
import { hover } from './hover';
import { MappingDiagnostics } from './mapping-diagnostics';
import {
  defaultSettings,
  fetchSettings,
  type InitializationOptions,
  type Lang,
  langOf,
  type ServerSettings,
} from './settings';
import { unsiloKindOf, WorkspaceModel } from './workspace-model';

export interface ServerHandle {
  model: WorkspaceModel;
  diagnostics: DiagnosticsService;
  documents: TextDocuments<TextDocument>;
}

const toFsPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

/** Wires the catalogue features onto an LSP connection (stdio/IPC in the extension, in-memory streams in tests). */
export function startServer(connection: Connection): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  let lang: Lang = 'en';
  let settings: ServerSettings = defaultSettings;
  let debounceOverride: number | undefined;
  let configurationSupported = false;
  let model = new WorkspaceModel([]);
  const openUris = new Map<string, string>();
  const uriOf = (fsPath: string) => openUris.get(fsPath) ?? pathToFileURL(fsPath).href;
  const handle = {} as ServerHandle;
  let diagnostics = new DiagnosticsService(connection, model, () => lang, uriOf);

  const debounce = () => debounceOverride ?? settings.debounceMs;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions & { debounceMs?: number };
    lang = langOf(options.locale ?? params.locale);
    if (typeof options.debounceMs === 'number') debounceOverride = options.debounceMs;
    configurationSupported = !!params.capabilities.workspace?.configuration;
    const roots = (params.workspaceFolders ?? []).map((f) => toFsPath(f.uri)).filter((p): p is string => !!p);
    if (roots.length === 0 && params.rootUri) {
      const root = toFsPath(params.rootUri);
      if (root) roots.push(root);
    }
    model = new WorkspaceModel(roots);
    diagnostics = new DiagnosticsService(connection, model, () => lang, uriOf);
    diagnostics.onDidLint = (info) => {
      void connection.sendNotification(DidLintNotification, info);
    };
    Object.assign(handle, { model, diagnostics });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '"', '/', '-', ',', '['] },
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'unsilo-catalog-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (configurationSupported) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'unsilo' })
        .catch(() => undefined);
    }
    settings = await fetchSettings(connection, configurationSupported);
    // Open documents may have arrived before the scan: their text wins over the disk's.
    await model.scan();
    for (const document of documents.all()) trackDocument(document);
    if (settings.enable) await diagnostics.run();
  });

  connection.onDidChangeConfiguration(async () => {
    settings = await fetchSettings(connection, configurationSupported);
    diagnostics.schedule(0);
  });

  function trackDocument(document: TextDocument): boolean {
    const fsPath = toFsPath(document.uri);
    if (!fsPath) return false;
    openUris.set(fsPath, document.uri);
    if (model.isConfigFile(fsPath)) return false;
    return model.update(fsPath, document.getText(), true);
  }

  documents.onDidOpen((event) => {
    if (trackDocument(event.document) && settings.enable) diagnostics.schedule(0);
  });
  documents.onDidChangeContent((event) => {
    if (trackDocument(event.document) && settings.enable) diagnostics.schedule(debounce());
  });
  documents.onDidClose(async (event) => {
    const fsPath = toFsPath(event.document.uri);
    if (!fsPath) return;
    openUris.delete(fsPath);
    if (await model.close(fsPath)) diagnostics.schedule(debounce());
  });

  // Files changed on disk (saved elsewhere, created, deleted, renamed, branches switched): the file watcher.
  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let changed = false;
    for (const change of changes) {
      const fsPath = toFsPath(change.uri);
      if (!fsPath) continue;
      if (model.isConfigFile(fsPath)) {
        const root = model.rootOf(fsPath);
        if (root) await model.loadConfig(root);
        diagnostics.invalidateAll();
        changed = true;
        continue;
      }
      if (openUris.has(fsPath)) continue;
      if (change.type === FileChangeType.Deleted) changed = model.update(fsPath, undefined, false) || changed;
      else changed = (await model.close(fsPath)) || changed;
    }
    if (changed && settings.enable) diagnostics.schedule(debounce());
  });

  const kindOf = (document: TextDocument) => unsiloKindOf(document.getText());

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const fsPath = toFsPath(params.textDocument.uri);
    if (!document || !fsPath || kindOf(document) !== 'InformationResource') return [];
    return codeActions(document, diagnostics.resultFor(fsPath), params, lang);
  });

  const codesetOfItem = (resource: string, itemKey: string): string | undefined => {
    const file = model.findByCode(resource);
    if (!file) return undefined;
    const entry = parseDocument(file.text, { prettyErrors: false }).toJS({ maxAliasCount: 100 }) as {
      items?: Array<{ key?: string; codeset?: string }>;
    } | null;
    return entry?.items?.find((item) => item?.key === itemKey)?.codeset;
  };

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    const kind = document && kindOf(document);
    if (!document || !kind) return null;
    return hover(document, kind, document.offsetAt(params.position), lang, { codesetOfItem });
  });

  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    const kind = document && kindOf(document);
    if (!document || !kind) return [];
    return completion(document, kind, document.offsetAt(params.position), lang, {
      resourceCodes: () => model.resourceCodes(),
      codesetOfItem,
    });
  });

  connection.onDocumentSymbol((params) => {
    const document = documents.get(params.textDocument.uri);
    const kind = document && kindOf(document);
    if (!document || !kind) return [];
    return documentSymbols(document, kind);
  });

  connection.onRequest(LintWorkspaceRequest, async (): Promise<LintWorkspaceResult> => {
    const started = Date.now();
    await model.scan();
    for (const document of documents.all()) trackDocument(document);
    diagnostics.invalidateAll();
    await diagnostics.run();
    const summary = { files: model.catalogue.size, errors: 0, warnings: 0, infos: 0, ms: 0 };
    for (const fsPath of model.catalogue.keys()) {
      for (const d of diagnostics.resultFor(fsPath)?.diagnostics ?? []) {
        if (d.severity === 'error') summary.errors++;
        else if (d.severity === 'warning') summary.warnings++;
        else summary.infos++;
      }
    }
    summary.ms = Date.now() - started;
    return summary;
  });

  connection.onRequest(CatalogEntryRequest, (params: CatalogEntryParams): CatalogEntryResult | null => {
    const file = model.findByCode(params.code);
    return file ? { uri: uriOf(file.fsPath), path: file.path, text: file.text } : null;
  });

  // Mapping files: diagnostics from the SDK's mapping compiler (their own file, their own timers).
  new MappingDiagnostics(connection, documents, {
    entryFile: (code) => model.findByCode(code),
    lang: () => lang,
    debounceMs: debounce,
    enabled: () => settings.enable,
  });

  documents.listen(connection);
  Object.assign(handle, { model, diagnostics, documents });
  return handle;
}
