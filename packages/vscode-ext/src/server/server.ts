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
  effectiveLang,
  fetchSettings,
  type InitializationOptions,
  type Lang,
  languageSettingOf,
  type ServerSettings,
} from './settings';
import { unsiloKindOf, WorkspaceModel } from './workspace-model';

export interface ServerHandle {
  model: WorkspaceModel;
  diagnostics: DiagnosticsService;
  documents: TextDocuments<TextDocument>;
}

/** What the handlers share; `model` and `diagnostics` are replaced once the client names the workspace folders. */
class ServerState implements ServerHandle {
  readonly documents = new TextDocuments(TextDocument);
  /** VS Code's display language, from the client at start (it cannot change without a reload). */
  locale: string | undefined;
  settings: ServerSettings = defaultSettings;
  /** The client's `debounceMs` initialization option (tests), over the setting. */
  debounceOverride: number | undefined;
  configurationSupported = false;
  /** Open documents by file path: their URI as the client spelled it. */
  readonly openUris = new Map<string, string>();
  model = new WorkspaceModel([]);
  diagnostics: DiagnosticsService;
  mappingDiagnostics: MappingDiagnostics | undefined;

  constructor(readonly connection: Connection) {
    this.diagnostics = this.newDiagnostics();
  }

  /** What diagnostics, hovers, completion and quick fixes speak: `unsilo.language`, or the display language. */
  get lang(): Lang {
    return effectiveLang(this.settings.language, this.locale);
  }

  /** Takes new settings; a change of language re-publishes every diagnostic in the new one, without a reload. */
  applySettings(settings: ServerSettings): void {
    const before = this.lang;
    this.settings = settings;
    if (this.lang === before) return;
    this.diagnostics.republish();
    this.mappingDiagnostics?.refreshAll();
  }

  async reloadSettings(): Promise<void> {
    this.applySettings(await fetchSettings(this.connection, this.configurationSupported, this.settings));
  }

  newDiagnostics(): DiagnosticsService {
    return new DiagnosticsService(
      this.connection,
      this.model,
      () => this.lang,
      (fsPath) => this.uriOf(fsPath),
    );
  }

  uriOf(fsPath: string): string {
    return this.openUris.get(fsPath) ?? pathToFileURL(fsPath).href;
  }

  debounce(): number {
    return this.debounceOverride ?? this.settings.debounceMs;
  }

  /** Puts an open document's text into the model; true when the catalogue changed. */
  trackDocument(document: TextDocument): boolean {
    const fsPath = toFsPath(document.uri);
    if (!fsPath) return false;
    this.openUris.set(fsPath, document.uri);
    if (this.model.isConfigFile(fsPath)) return false;
    return this.model.update(fsPath, document.getText(), true);
  }
}

const toFsPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);
const kindOf = (document: TextDocument) => unsiloKindOf(document.getText());

/** Wires the catalogue features onto an LSP connection (stdio/IPC in the extension, in-memory streams in tests). */
export function startServer(connection: Connection): ServerHandle {
  const state = new ServerState(connection);
  connection.onInitialize((params) => initialize(state, params));
  connection.onInitialized(() => loadWorkspace(state));
  connection.onDidChangeConfiguration(async () => {
    await state.reloadSettings();
    state.diagnostics.schedule(0);
  });
  trackDocuments(state);
  serveLanguageFeatures(state);
  serveRequests(state);
  // Mapping files: diagnostics from the SDK's mapping compiler (their own file, their own timers).
  state.mappingDiagnostics = new MappingDiagnostics(connection, state.documents, {
    entryFile: (code) => state.model.findByCode(code),
    lang: () => state.lang,
    debounceMs: () => state.debounce(),
    enabled: () => state.settings.enable,
  });
  state.documents.listen(connection);
  return state;
}

function initialize(state: ServerState, params: InitializeParams): InitializeResult {
  const options = (params.initializationOptions ?? {}) as InitializationOptions & { debounceMs?: number };
  state.locale = options.locale ?? params.locale;
  state.settings = { ...state.settings, language: languageSettingOf(options.language) };
  if (typeof options.debounceMs === 'number') state.debounceOverride = options.debounceMs;
  state.configurationSupported = !!params.capabilities.workspace?.configuration;
  const roots = (params.workspaceFolders ?? []).map((f) => toFsPath(f.uri)).filter((p): p is string => !!p);
  if (roots.length === 0 && params.rootUri) {
    const root = toFsPath(params.rootUri);
    if (root) roots.push(root);
  }
  state.model = new WorkspaceModel(roots);
  state.diagnostics = state.newDiagnostics();
  state.diagnostics.onDidLint = (info) => {
    void state.connection.sendNotification(DidLintNotification, info);
  };
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
}

async function loadWorkspace(state: ServerState): Promise<void> {
  if (state.configurationSupported) {
    void state.connection.client
      .register(DidChangeConfigurationNotification.type, { section: 'unsilo' })
      .catch(() => undefined);
  }
  await state.reloadSettings();
  // Open documents may have arrived before the scan: their text wins over the disk's.
  await state.model.scan();
  for (const document of state.documents.all()) state.trackDocument(document);
  if (state.settings.enable) await state.diagnostics.run();
}

/** Open, edited and closed documents, and files changed on disk, into the model, and a lint scheduled. */
function trackDocuments(state: ServerState): void {
  const { documents, connection } = state;
  documents.onDidOpen((event) => {
    if (state.trackDocument(event.document) && state.settings.enable) state.diagnostics.schedule(0);
  });
  documents.onDidChangeContent((event) => {
    if (state.trackDocument(event.document) && state.settings.enable)
      state.diagnostics.schedule(state.debounce());
  });
  documents.onDidClose(async (event) => {
    const fsPath = toFsPath(event.document.uri);
    if (!fsPath) return;
    state.openUris.delete(fsPath);
    if (await state.model.close(fsPath)) state.diagnostics.schedule(state.debounce());
  });
  // Files changed on disk (saved elsewhere, created, deleted, renamed, branches switched): the file watcher.
  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let changed = false;
    for (const change of changes) {
      const fsPath = toFsPath(change.uri);
      if (!fsPath) continue;
      if (state.model.isConfigFile(fsPath)) {
        const root = state.model.rootOf(fsPath);
        if (root) await state.model.loadConfig(root);
        state.diagnostics.invalidateAll();
        changed = true;
        continue;
      }
      if (state.openUris.has(fsPath)) continue;
      if (change.type === FileChangeType.Deleted)
        changed = state.model.update(fsPath, undefined, false) || changed;
      else changed = (await state.model.close(fsPath)) || changed;
    }
    if (changed && state.settings.enable) state.diagnostics.schedule(state.debounce());
  });
}

/** Quick fixes, hover, completion and the outline. */
function serveLanguageFeatures(state: ServerState): void {
  const { connection, documents } = state;
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const fsPath = toFsPath(params.textDocument.uri);
    if (!document || !fsPath || kindOf(document) !== 'InformationResource') return [];
    return codeActions(document, state.diagnostics.resultFor(fsPath), params, state.lang);
  });
  const codesetOfItem = (resource: string, itemKey: string) => codesetOf(state.model, resource, itemKey);
  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    const kind = document && kindOf(document);
    if (!document || !kind) return null;
    return hover(document, kind, document.offsetAt(params.position), state.lang, { codesetOfItem });
  });
  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    const kind = document && kindOf(document);
    if (!document || !kind) return [];
    return completion(document, kind, document.offsetAt(params.position), state.lang, {
      resourceCodes: () => state.model.resourceCodes(),
      codesetOfItem,
    });
  });
  connection.onDocumentSymbol((params) => {
    const document = documents.get(params.textDocument.uri);
    const kind = document && kindOf(document);
    if (!document || !kind) return [];
    return documentSymbols(document, kind);
  });
}

/** The code set an item of another catalogue entry names (hover and completion in mapping files). */
function codesetOf(model: WorkspaceModel, resource: string, itemKey: string): string | undefined {
  const file = model.findByCode(resource);
  if (!file) return undefined;
  const entry = parseDocument(file.text, { prettyErrors: false }).toJS({ maxAliasCount: 100 }) as {
    items?: Array<{ key?: string; codeset?: string }>;
  } | null;
  return entry?.items?.find((item) => item?.key === itemKey)?.codeset;
}

/** The extension's own requests: lint the whole workspace, open a catalogue entry by its code. */
function serveRequests(state: ServerState): void {
  const { connection } = state;
  connection.onRequest(LintWorkspaceRequest, async (): Promise<LintWorkspaceResult> => {
    const started = Date.now();
    await state.model.scan();
    for (const document of state.documents.all()) state.trackDocument(document);
    state.diagnostics.invalidateAll();
    await state.diagnostics.run();
    const summary = { files: state.model.catalogue.size, errors: 0, warnings: 0, infos: 0, ms: 0 };
    for (const fsPath of state.model.catalogue.keys()) {
      for (const d of state.diagnostics.resultFor(fsPath)?.diagnostics ?? []) {
        if (d.severity === 'error') summary.errors++;
        else if (d.severity === 'warning') summary.warnings++;
        else summary.infos++;
      }
    }
    summary.ms = Date.now() - started;
    return summary;
  });
  connection.onRequest(CatalogEntryRequest, (params: CatalogEntryParams): CatalogEntryResult | null => {
    const file = state.model.findByCode(params.code);
    return file ? { uri: state.uriOf(file.fsPath), path: file.path, text: file.text } : null;
  });
}
