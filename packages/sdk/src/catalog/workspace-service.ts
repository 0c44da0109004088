import { type ResolvedLintConfig, resolveConfig } from './config';
import { crossFileFindings, mergeDiagnostics, positionFindings } from './cross-file';
import {
  type EnabledRules,
  enabledRules,
  isOtherKind,
  type LintSource,
  lintFileRules,
  openFile,
  Reporter,
} from './lint-file';
import type { CatalogFile, ParsedEntry } from './parse';
import { summarize } from './summary';
import type { Diagnostic, LintConfig, LintResult } from './types';
import { type SharedKeys, type WorkspaceFile, WorkspaceModel, workspaceFileOf } from './workspace';

export interface WorkspaceOptions {
  /** The `lint:` settings of `unsilo.config.yaml`. */
  config?: LintConfig;
  /**
   * The order of files, by path, in cross-file messages ("also declared in a.yaml, b.yaml") and in `lint()`.
   * By default, the order files were first added in.
   */
  order?: (a: string, b: string) => number;
  /** Keep each entry's plain value for `entry()` (publishing needs them; an editor of thousands of files not). */
  retainEntries?: boolean;
}

export interface WorkspaceUpdateOptions {
  /** Lint the file as an entry whatever its `kind` says (an entry sent to the exchange). */
  asEntry?: boolean;
  /**
   * Only the file's facts count, for the cross-file rules of the other files: it is neither linted nor
   * reported on (the rest of a catalogue held elsewhere, around the one entry being judged).
   */
  reference?: boolean;
}

/** Trees kept after parsing, so that the cross-file findings of a file just changed need no second parse. */
const RECENT_TREES = 8;

interface FileState {
  readonly id: string;
  readonly source: LintSource;
  readonly options: WorkspaceUpdateOptions;
  readonly rank: number;
  /** Linted and reported on: not ignored, not of another kind, not a reference. */
  linted: boolean;
  /** What the cross-file rules know of it; undefined when it is no entry. */
  facts: WorkspaceFile | undefined;
  /** Whether the cross-file rules run on it: a linted entry with no syntax error. */
  crossChecked: boolean;
  /** The parser's and the per-file rules' diagnostics: they change only with the file's own text. */
  own: Diagnostic[];
  /** The last cross-file findings, as a key, and their diagnostics. */
  findings: { key: string; diagnostics: Diagnostic[] } | undefined;
  /** Every diagnostic of the file, in position order; undefined until computed after a change. */
  diagnostics: Diagnostic[] | undefined;
  entry: ParsedEntry | undefined;
}

/**
 * The files of one catalogue workspace, linted incrementally: the one lint engine of the CLI, publishing, the
 * language server and the exchange.
 *
 * A file is parsed once when it is added or changed: its per-file rules run then, and the facts the
 * cross-file rules need (code, name, authoritative items, related codes) go into the workspace model; its
 * tree is not kept. A change marks stale only the file and the files sharing a fact with its old or new
 * version; the cross-file rules run again on those, on facts alone, and a file whose findings are the same
 * keeps its diagnostics without being parsed again.
 */
export class Workspace {
  private readonly files = new Map<string, FileState>();
  private readonly owners = new Map<WorkspaceFile, FileState>();
  private model: WorkspaceModel;
  private config: ResolvedLintConfig;
  private rules: EnabledRules;
  private readonly reporter = new Reporter();
  private readonly stale = new Set<FileState>();
  /** The facts changed files shared before and after the change: their dependents are stale. */
  private touched: SharedKeys = noKeys();
  /** Files whose diagnostics changed since `refresh` last said so (removed files included). */
  private readonly changed = new Set<string>();
  private readonly recent = new Map<string, CatalogFile>();
  private nextRank = 0;
  /**
   * Whether cross-file findings were ever computed: until then every linted file is stale anyway, so a batch
   * of thousands of files need not track who depends on whom.
   */
  private settledOnce = false;

  constructor(private readonly options: WorkspaceOptions = {}) {
    this.config = resolveConfig(options.config);
    this.rules = enabledRules(this.config);
    this.model = this.createModel();
  }

  /** Adds a file, changes its text, or removes it (`undefined`). Nothing is linted until asked. */
  update(path: string, text: string | undefined, options: WorkspaceUpdateOptions = {}): void {
    if (text === undefined) this.remove(path);
    else this.put(path, { path, text }, options);
  }

  /** Adds or changes an entry that arrived already parsed (JSON sent to the exchange). */
  updateEntry(path: string, entry: unknown, options: WorkspaceUpdateOptions = {}): void {
    this.put(path, { path, entry }, options);
  }

  /** `update` under an id of the caller's choosing: a batch given one path twice keeps two files. */
  put(id: string, source: LintSource, options: WorkspaceUpdateOptions = {}): void {
    const previous = this.files.get(id);
    if (previous && sameSource(previous.source, source) && sameOptions(previous.options, options)) return;
    if (previous) this.forget(previous);
    this.files.set(id, this.open(id, source, options, previous?.rank ?? this.nextRank++));
  }

  remove(id: string): void {
    const state = this.files.get(id);
    if (!state) return;
    this.forget(state);
    this.files.delete(id);
  }

  /** New settings: every file is linted again. */
  setConfig(config: LintConfig | undefined): void {
    this.config = resolveConfig(config);
    this.rules = enabledRules(this.config);
    const states = [...this.files.values()];
    this.files.clear();
    this.owners.clear();
    this.stale.clear();
    this.recent.clear();
    this.touched = noKeys();
    this.settledOnce = false;
    this.model = this.createModel();
    for (const state of states) {
      if (state.linted) this.changed.add(state.id);
      this.files.set(state.id, this.open(state.id, state.source, state.options, state.rank));
    }
  }

  has(id: string): boolean {
    return this.files.has(id);
  }

  /** A file's diagnostics, in position order; undefined when it is not linted (ignored, another kind, absent). */
  diagnostics(id: string): Diagnostic[] | undefined {
    this.settle();
    const state = this.files.get(id);
    return state?.linted ? state.diagnostics : undefined;
  }

  /**
   * Lints what changed since the last call and says which files' diagnostics may differ: the changed files,
   * the files sharing a code, a name or an authoritative item key with them, and the removed ones.
   */
  refresh(): string[] {
    this.settle();
    const changed = [...this.changed];
    this.changed.clear();
    return changed;
  }

  /** Every linted file's diagnostics, file after file in the workspace's order. */
  lint(): LintResult {
    this.settle();
    const diagnostics: Diagnostic[] = [];
    let files = 0;
    for (const state of this.ordered()) {
      if (!state.linted) continue;
      files++;
      for (const diagnostic of state.diagnostics ?? []) diagnostics.push(diagnostic);
    }
    return { diagnostics, summary: summarize(files, diagnostics) };
  }

  /** The plain value of an entry, when the workspace retains them (`retainEntries`). */
  entry(id: string): ParsedEntry | undefined {
    return this.files.get(id)?.entry;
  }

  /** The files declaring a resource code, in the workspace's order. */
  declaring(code: string): string[] {
    return (this.model.byCode.get(code.trim()) ?? []).map((facts) => this.owners.get(facts)!.id);
  }

  private createModel(): WorkspaceModel {
    const order = this.options.order;
    return new WorkspaceModel(
      order
        ? (a, b) => order(a.path, b.path) || this.owners.get(a)!.rank - this.owners.get(b)!.rank
        : (a, b) => this.owners.get(a)!.rank - this.owners.get(b)!.rank,
    );
  }

  /** Parses a file once: per-file rules, facts into the model, the tree kept a while for cross-file findings. */
  private open(id: string, source: LintSource, options: WorkspaceUpdateOptions, rank: number): FileState {
    const state: FileState = {
      id,
      source,
      options,
      rank,
      linted: false,
      facts: undefined,
      crossChecked: false,
      own: [],
      findings: undefined,
      diagnostics: undefined,
      entry: undefined,
    };
    if (this.config.isIgnored(source.path)) return state;
    const file = openFile(source);
    if (!options.asEntry && isOtherKind(file)) return state;
    state.linted = !options.reference;
    if (state.linted) state.own = lintFileRules(file, this.rules.file, this.config, this.reporter);
    if (this.options.retainEntries) state.entry = file.entry;
    if (file.entry) {
      const facts = workspaceFileOf(file);
      state.facts = facts;
      this.owners.set(facts, state);
      this.model.addFacts(facts);
      if (this.settledOnce) this.model.collectKeys(facts, this.touched);
    }
    if (!state.linted) return state;
    state.crossChecked = state.facts !== undefined && file.diagnostics.length === 0;
    // A batch is positioned after every file was read: holding its trees meanwhile would only age them into
    // the old generation of the garbage collector. After an edit, the edited file's tree is used right away.
    if (state.crossChecked && this.settledOnce) this.remember(id, file);
    this.stale.add(state);
    this.changed.add(id);
    return state;
  }

  private forget(state: FileState): void {
    if (state.facts) {
      this.model.remove(state.facts);
      this.owners.delete(state.facts);
      if (this.settledOnce) this.model.collectKeys(state.facts, this.touched);
    }
    this.stale.delete(state);
    this.recent.delete(state.id);
    if (state.linted) this.changed.add(state.id);
  }

  /** Marks stale the dependents of what changed, then lints every stale file's cross-file rules. */
  private settle(): void {
    this.settledOnce = true;
    const touched = this.touched;
    if (touched.codes.size + touched.nameKeys.size + touched.itemKeys.size > 0) {
      this.touched = noKeys();
      for (const facts of this.model.dependents(touched, new Set())) {
        const state = this.owners.get(facts)!;
        if (state.linted) this.stale.add(state);
      }
    }
    if (this.stale.size === 0) return;
    for (const state of this.stale) {
      state.diagnostics = mergeDiagnostics(state.own, this.crossFileDiagnostics(state));
      this.changed.add(state.id);
    }
    this.stale.clear();
  }

  private crossFileDiagnostics(state: FileState): Diagnostic[] {
    if (!state.crossChecked || this.rules.workspace.length === 0) return [];
    const tree = () => this.recent.get(state.id) ?? openFile(state.source);
    const findings = crossFileFindings(state.facts!, this.model, this.config, this.rules.workspace, tree);
    if (findings.length === 0) {
      state.findings = undefined;
      return [];
    }
    const key = JSON.stringify(findings);
    if (state.findings?.key !== key)
      state.findings = { key, diagnostics: positionFindings(tree(), findings) };
    return state.findings.diagnostics;
  }

  private remember(id: string, file: CatalogFile): void {
    this.recent.delete(id);
    this.recent.set(id, file);
    if (this.recent.size > RECENT_TREES) this.recent.delete(this.recent.keys().next().value!);
  }

  private ordered(): Iterable<FileState> {
    const order = this.options.order;
    if (!order) return this.files.values();
    return [...this.files.values()].sort((a, b) => order(a.source.path, b.source.path) || a.rank - b.rank);
  }
}

function noKeys(): SharedKeys {
  return { codes: new Set(), nameKeys: new Set(), itemKeys: new Set() };
}

function sameSource(a: LintSource, b: LintSource): boolean {
  if (a.path !== b.path) return false;
  if ('text' in a) return 'text' in b && a.text === b.text;
  return 'entry' in b && a.entry === b.entry;
}

function sameOptions(a: WorkspaceUpdateOptions, b: WorkspaceUpdateOptions): boolean {
  return !!a.asEntry === !!b.asEntry && !!a.reference === !!b.reference;
}
