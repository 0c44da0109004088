import { pathToFileURL } from 'node:url';
import { type Diagnostic as CatalogDiagnostic, parseConfig, rules, Workspace } from '@unsilo/sdk/catalog';
import { compareWalkOrder } from '@unsilo/sdk/workspace';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { toLspDiagnostic, toLspRange } from './lsp-convert';
import type { Lang } from './settings';
import type { WorkspaceModel } from './workspace-model';

export interface FileLintResult {
  /** The text the diagnostics were computed on (quick fixes refer to its offsets). */
  text: string;
  diagnostics: CatalogDiagnostic[];
}

/** Documentation link of each rule, from the linter's own registry. */
const docsByRule = new Map<string, string>(rules.map((rule) => [rule.id, rule.docsUrl]));

export function docsUrlOf(rule: string): string | undefined {
  return docsByRule.get(rule);
}

/** One workspace folder's files as the SDK lints them: where each path is on disk, and the text it was given. */
interface FolderLint {
  workspace: Workspace;
  files: Map<string, { fsPath: string; text: string | undefined }>;
}

/**
 * Lints catalogue files and publishes diagnostics for every one of them, open or not.
 *
 * Each workspace folder is one SDK `Workspace`, as `unsilo lint` run in that folder sees it (its config, files
 * named in the order the CLI reads them): the result equals a lint of the whole folder (the parity test checks
 * it). An edit parses the edited file once; the cross-file rules run again only on the files sharing a code,
 * a name or an authoritative item key with it; trees are kept only for the last few files parsed.
 * Runs after a pause in typing; runs never overlap.
 */
export class DiagnosticsService {
  private readonly results = new Map<string, FileLintResult>();
  private readonly published = new Map<string, string>();
  /** By workspace folder; files outside every folder make one more (`undefined`). */
  private readonly folders = new Map<string | undefined, FolderLint>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  private everything = true;
  /** Called after each pass (tests and the benchmark wait on it). */
  onDidLint: ((info: { files: number; ms: number }) => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly model: WorkspaceModel,
    private readonly lang: () => Lang,
    private readonly uriOf: (fsPath: string) => string = (p) => pathToFileURL(p).href,
  ) {}

  resultFor(fsPath: string): FileLintResult | undefined {
    return this.results.get(fsPath);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The configuration changed: every file is linted again. */
  invalidateAll(): void {
    this.everything = true;
  }

  schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  /** Lints what changed (waiting for a pass in progress first) and publishes. */
  async run(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.dirty = false;
        await this.pass();
      } while (this.dirty);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Re-publishes the last results in another language (`unsilo.language` changed), without linting again. */
  republish(): void {
    this.published.clear();
    this.publishAll();
    this.publishConfigProblems();
  }

  private async pass(): Promise<void> {
    const started = performance.now();
    if (this.everything) {
      this.everything = false;
      for (const [root, folder] of this.folders) folder.workspace.setConfig(this.model.configOf(root));
    }
    const changed = [...this.model.changed];
    this.model.changed.clear();
    for (const fsPath of changed) {
      const folder = this.folderOf(this.model.rootOf(fsPath));
      const file = this.model.catalogue.get(fsPath);
      const path = file?.path ?? this.model.relativePath(fsPath);
      folder.files.set(path, { fsPath, text: file?.text });
      folder.workspace.update(path, file?.text);
    }
    let done = 0;
    for (const folder of this.folders.values()) {
      for (const path of folder.workspace.refresh()) {
        // The text the workspace linted: the model's may have changed meanwhile (the next pass lints that).
        const { fsPath, text } = folder.files.get(path)!;
        const diagnostics = folder.workspace.diagnostics(path);
        if (text === undefined || !diagnostics) {
          if (text === undefined) folder.files.delete(path);
          this.results.delete(fsPath);
          this.send(fsPath, []);
          continue;
        }
        this.results.set(fsPath, { text, diagnostics });
        this.publish(fsPath);
        // A large first pass yields now and then, so that edits and requests are answered meanwhile.
        if (++done % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.publishConfigProblems();
    this.onDidLint?.({ files: done, ms: performance.now() - started });
  }

  private folderOf(root: string | undefined): FolderLint {
    let folder = this.folders.get(root);
    if (!folder) {
      const workspace = new Workspace({ config: this.model.configOf(root), order: compareWalkOrder });
      folder = { workspace, files: new Map() };
      this.folders.set(root, folder);
    }
    return folder;
  }

  private publish(fsPath: string): void {
    const result = this.results.get(fsPath);
    if (!result) return;
    const lang = this.lang();
    this.send(
      fsPath,
      result.diagnostics.map((d) => toLspDiagnostic(d, lang, docsUrlOf(d.rule))),
    );
  }

  private publishAll(): void {
    for (const fsPath of this.results.keys()) this.publish(fsPath);
  }

  /** `unsilo.config.yaml` mistakes (unknown rule ids, bad severities) are shown on the config file itself. */
  private publishConfigProblems(): void {
    const lang = this.lang();
    for (const state of this.model.configs.values()) {
      if (!state.fsPath) continue;
      const problems = state.text === undefined ? [] : parseConfig(state.text).problems;
      this.send(
        state.fsPath,
        problems.map((p) => ({
          range: toLspRange(p.range),
          severity: 2,
          source: 'unsilo',
          message: p.message[lang],
        })),
      );
    }
  }

  private send(fsPath: string, diagnostics: Diagnostic[]): void {
    const key = JSON.stringify(diagnostics);
    if (this.published.get(fsPath) === key) return;
    if (diagnostics.length === 0 && !this.published.has(fsPath)) {
      this.published.set(fsPath, key);
      return;
    }
    this.published.set(fsPath, key);
    void this.connection.sendDiagnostics({ uri: this.uriOf(fsPath), diagnostics });
  }
}
