import { pathToFileURL } from 'node:url';
import { type Diagnostic as CatalogDiagnostic, lintWorkspace, parseConfig, rules } from '@unsilo/sdk/catalog';
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

/**
 * Lints the whole workspace (catalogue rules across files need every file) and publishes diagnostics for
 * every catalogue file, open or not. Runs after a pause in typing; a run never overlaps another.
 */
export class DiagnosticsService {
  private readonly results = new Map<string, FileLintResult>();
  private readonly published = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  /** Called after each publish (tests and the benchmark wait on it). */
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

  schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  /** Lints now (waiting for a run in progress first) and publishes. */
  async run(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.dirty = false;
        this.lintAndPublish();
        await Promise.resolve();
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

  private lintAndPublish(): void {
    const started = performance.now();
    const seen = new Set<string>();
    let count = 0;
    for (const group of this.model.groups()) {
      const { diagnostics } = lintWorkspace(
        group.files.map((f) => ({ path: f.path, text: f.text })),
        { config: group.config },
      );
      const perFile = new Map<string, CatalogDiagnostic[]>();
      for (const d of diagnostics) {
        const list = perFile.get(d.file);
        if (list) list.push(d);
        else perFile.set(d.file, [d]);
      }
      for (const file of group.files) {
        seen.add(file.fsPath);
        this.results.set(file.fsPath, { text: file.text, diagnostics: perFile.get(file.path) ?? [] });
        count++;
      }
    }
    for (const fsPath of this.results.keys()) {
      if (!seen.has(fsPath)) {
        this.results.delete(fsPath);
        this.send(fsPath, []);
      }
    }
    this.publishAll();
    this.publishConfigProblems();
    this.onDidLint?.({ files: count, ms: performance.now() - started });
  }

  private publishAll(): void {
    const lang = this.lang();
    for (const [fsPath, result] of this.results) {
      this.send(
        fsPath,
        result.diagnostics.map((d) => toLspDiagnostic(d, lang, docsUrlOf(d.rule))),
      );
    }
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
