import { pathToFileURL } from 'node:url';
import { type Diagnostic as CatalogDiagnostic, lintWorkspace, parseConfig, rules } from '@unsilo/sdk/catalog';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { toLspDiagnostic, toLspRange } from './lsp-convert';
import type { Lang } from './settings';
import { compareCliOrder, KeyIndex, workspaceKeysOf } from './workspace-keys';
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

/**
 * Lints catalogue files and publishes diagnostics for every one of them, open or not.
 *
 * Each file is linted with exactly the neighbours its whole-workspace rules depend on (files sharing its code,
 * name or authoritative item keys, and those declaring its related codes), in the order `unsilo lint` reads
 * them: the result equals a lint of the whole workspace (the parity test checks it), while an edit costs one
 * file and its few neighbours instead of the workspace, and no parsed document outlives its lint.
 * Runs after a pause in typing; runs never overlap.
 */
export class DiagnosticsService {
  private readonly results = new Map<string, FileLintResult>();
  private readonly published = new Map<string, string>();
  private readonly index = new KeyIndex();
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

  /** Re-publishes the last results in another language (the display language changed). */
  republish(): void {
    this.published.clear();
    this.publishAll();
  }

  private async pass(): Promise<void> {
    const started = performance.now();
    const files = this.model.catalogue;
    const affected = new Set<string>();
    const changed = [...this.model.changed];
    this.model.changed.clear();
    if (this.everything) {
      this.everything = false;
      this.index.clear();
      for (const fsPath of this.results.keys()) {
        if (!files.has(fsPath)) this.send(fsPath, []);
      }
      this.results.clear();
      for (const [fsPath, file] of files) {
        this.index.set(fsPath, workspaceKeysOf(file.path, file.text));
        affected.add(fsPath);
      }
    } else {
      for (const fsPath of changed) {
        const file = files.get(fsPath);
        if (!file) {
          const previous = this.index.set(fsPath, undefined);
          if (previous) this.index.neighbours(previous, affected);
          this.results.delete(fsPath);
          this.send(fsPath, []);
          continue;
        }
        const keys = workspaceKeysOf(file.path, file.text);
        const previous = this.index.set(fsPath, keys);
        affected.add(fsPath);
        if (previous) this.index.neighbours(previous, affected);
        this.index.neighbours(keys, affected);
      }
    }
    let done = 0;
    for (const fsPath of affected) {
      const file = files.get(fsPath);
      if (!file) continue;
      this.results.set(fsPath, { text: file.text, diagnostics: this.lintOne(fsPath) });
      this.publish(fsPath);
      // A large first pass yields now and then, so that edits and requests are answered meanwhile.
      if (++done % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    this.publishConfigProblems();
    this.onDidLint?.({ files: done, ms: performance.now() - started });
  }

  private lintOne(fsPath: string): CatalogDiagnostic[] {
    const file = this.model.catalogue.get(fsPath);
    const keys = this.index.keys.get(fsPath);
    if (!file || !keys) return [];
    const root = this.model.rootOf(fsPath);
    const neighbours = this.index.neighbours(keys, new Set([fsPath]));
    const sources: Array<{ path: string; text: string }> = [];
    for (const id of neighbours) {
      const other = this.model.catalogue.get(id);
      if (other && this.model.rootOf(id) === root) sources.push({ path: other.path, text: other.text });
    }
    sources.sort((a, b) => compareCliOrder(a.path, b.path));
    const config = (root && this.model.configs.get(root)?.config) || {};
    return lintWorkspace(sources, { config }).diagnostics.filter((d) => d.file === file.path);
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
