// Language server benchmark: time from an edit (didChange) to published diagnostics, at the LSP level, against
// the same lint run directly (the baseline), in a 500-item file and in a 500-entry workspace; and the server's
// memory with a 10,000-file workspace open. Each figure is measured on the working tree's server ("after") and,
// in the same run, on the server of the commit before the SDK's incremental Workspace ("before",
// LSP_BEFORE=<rev> to pick another commit, LSP_BEFORE=none to skip it).
//
//   node --conditions=source --import tsx bench/lsp.ts [--edits N] [--files N]
//
// The server runs as the extension runs it: the bundled server in its own Node process, here over stdio.
// Debounce is excluded (debounceMs 0) and reported separately: it is a pause VS Code users configure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintWorkspace } from '@unsilo/sdk/catalog';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { BEFORE_WORKSPACE, bundleCurrentServer, bundleServerAt } from './support/lsp-servers';

const repoRoot = join(import.meta.dirname, '..');
const work = join(repoRoot, '.bench/lsp');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EDITS = arg('--edits', 200);
const BIG_FILES = arg('--files', 10_000);
const ITEMS = 500;
const ENTRIES = 500;
const BEFORE = process.env.LSP_BEFORE ?? BEFORE_WORKSPACE;
// The Node options the extension starts its server with (src/client/language-client.ts SERVER_EXEC_ARGV).
const SERVER_NODE_OPTIONS = (process.env.LSP_NODE_OPTIONS ?? '--max-semi-space-size=8')
  .split(' ')
  .filter(Boolean);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function entry(code: string, name: string, items: number, related?: string): string {
  const provider = '11330100MB0000019K';
  const lines = [
    'apiVersion: unsilo/v1',
    'kind: InformationResource',
    `code: "${code}"`,
    `name: ${name}`,
    'provider:',
    '  name: 某市公安局',
    `  code: "${provider}"`,
    'classification:',
    '  class: department',
    `summary: ${name}的登记信息，供各部门核验使用。`,
    'format: { class: database, type: oracle }',
    'items:',
  ];
  for (let i = 0; i < items; i++) {
    lines.push(`  - { name: 信息项${i}, key: item${i}, type: C, length: ${10 + (i % 90)} }`);
  }
  lines.push(
    'share:',
    '  type: conditional',
    '  condition: 仅用于核验业务',
    '  method: { class: platform, type: api }',
    'open:',
    '  type: none',
    'updateCycle: daily',
    'publishedAt: 2019-05-10',
  );
  if (related) lines.push(`related: ["${related}"]`);
  return `${lines.join('\n')}\n`;
}

const codeOf = (n: number) =>
  `3070010308${String(1 + (n % 99)).padStart(2, '0')}/${String(n).padStart(6, '0')}`;

interface Server {
  connection: MessageConnection;
  pid: number;
  nextLint(): Promise<{ files: number; ms: number }>;
  stop(): Promise<void>;
}

async function startServer(serverJs: string, root: string): Promise<Server> {
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, serverJs, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const waiting: Array<(info: { files: number; ms: number }) => void> = [];
  connection.onNotification('unsilo/didLint', (info: { files: number; ms: number }) =>
    waiting.shift()?.(info),
  );
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  connection.onRequest('workspace/configuration', () => [{ lint: { enable: true, debounceMs: 0 } }]);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const nextLint = () => new Promise<{ files: number; ms: number }>((resolve) => waiting.push(resolve));
  const uri = pathToFileURL(root).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { locale: 'en', debounceMs: 0 },
  });
  const first = nextLint();
  await connection.sendNotification('initialized', {});
  await first;
  return {
    connection,
    pid: child.pid ?? 0,
    nextLint,
    async stop() {
      await connection.sendRequest('shutdown').catch(() => undefined);
      connection.dispose();
      child.kill();
    },
  };
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: round(kb('VmRSS') / 1024, 1), peak: round(kb('VmHWM') / 1024, 1) };
}

/** Edits alternate between introducing and removing an error, so every lint has something to publish. */
function editedText(base: string, n: number): string {
  return n % 2 === 0
    ? base.replace('length: 10 }', `length: ${20 + (n % 50)} }`)
    : base.replace('updateCycle: daily', 'updateCycle: 每日');
}

async function measureEdits(server: Server, fsPath: string, base: string, edits: number): Promise<number[]> {
  const uri = pathToFileURL(fsPath).href;
  const opened = server.nextLint();
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: base },
  });
  await opened;
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const text = editedText(base, i);
    const linted = server.nextLint();
    const started = performance.now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ text }],
    });
    await linted;
    times.push(performance.now() - started);
  }
  return times;
}

function measureDirect(files: Array<{ path: string; text: string }>, index: number, edits: number): number[] {
  const times: number[] = [];
  const base = files[index]!.text;
  for (let i = 0; i < edits; i++) {
    const copy = files.slice();
    copy[index] = { path: files[index]!.path, text: editedText(base, i) };
    const started = performance.now();
    lintWorkspace(copy, { config: {} });
    times.push(performance.now() - started);
  }
  return times;
}

/** A folder of generated catalogue files, written once per run (the 10,000-file one is kept between runs). */
function workspaceDir(
  name: string,
  files: () => Array<{ path: string; text: string }>,
  keep = false,
): string {
  const dir = join(work, name);
  const marker = join(dir, '.complete');
  if (keep && existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of files()) {
    mkdirSync(join(dir, file.path, '..'), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  writeFileSync(marker, '');
  return dir;
}

/** A 500-item file and 19 small neighbours. */
function itemsWorkspace(): Array<{ path: string; text: string }> {
  const files = [{ path: 'big.yaml', text: entry('307001030801/000001', '五百个信息项的资源', ITEMS) }];
  for (let i = 2; i <= 20; i++) files.push({ path: `r${i}.yaml`, text: entry(codeOf(i), `资源${i}`, 5) });
  return files;
}

/**
 * 500 entries in 10 folders, linked as a catalogue is: the edited file shares its code with four others, and
 * every entry relates to the one before it, so an edit has neighbours under the cross-file rules.
 */
function entriesWorkspace(): Array<{ path: string; text: string }> {
  const files = [];
  for (let i = 0; i < ENTRIES; i++) {
    const code = codeOf(i < 5 ? 1 : i);
    const related = i > 0 ? codeOf(i - 1 < 5 ? 1 : i - 1) : undefined;
    files.push({ path: `dept${i % 10}/r${i}.yaml`, text: entry(code, `资源${i}`, 8, related) });
  }
  return files;
}

function bigWorkspace(): Array<{ path: string; text: string }> {
  const files = [];
  for (let i = 0; i < BIG_FILES; i++) {
    files.push({
      path: `dept${String(i % 100).padStart(3, '0')}/r${i}.yaml`,
      text: entry(codeOf(100 + i), `资源${i}`, 8),
    });
  }
  return files;
}

interface Figures {
  items: number[];
  entries: number[];
  idleRss: number;
  scanMs: number;
  rss: number;
  afterEdits: number;
  peak: number;
  big: number[];
}

async function editsIn(serverJs: string, root: string, file: string, edits: number): Promise<number[]> {
  const server = await startServer(serverJs, root);
  const fsPath = join(root, file);
  const base = readFileSync(fsPath, 'utf8');
  await measureEdits(server, fsPath, base, Math.min(20, edits)); // warm-up
  const times = await measureEdits(server, fsPath, base, edits);
  await server.stop();
  return times;
}

async function measureServer(serverJs: string, dirs: Record<'items' | 'entries' | 'empty' | 'big', string>) {
  const items = await editsIn(serverJs, dirs.items, 'big.yaml', EDITS);
  const entries = await editsIn(serverJs, dirs.entries, 'dept0/r0.yaml', EDITS);
  const idle = await startServer(serverJs, dirs.empty);
  const idleRss = rssMb(idle.pid).rss;
  await idle.stop();
  const scanStarted = performance.now();
  const loaded = await startServer(serverJs, dirs.big);
  const scanMs = performance.now() - scanStarted;
  const rss = rssMb(loaded.pid).rss;
  const firstFile = join(dirs.big, 'dept000/r0.yaml');
  const big = await measureEdits(loaded, firstFile, readFileSync(firstFile, 'utf8'), 10);
  const after = rssMb(loaded.pid);
  await loaded.stop();
  return {
    items,
    entries,
    idleRss,
    scanMs,
    rss,
    afterEdits: after.rss,
    peak: after.peak,
    big,
  } satisfies Figures;
}

const p = (values: number[], n: number) => round(percentile(values, n));

function printSideBySide(after: Figures, before: Figures | undefined): void {
  const row = (label: string, value: (f: Figures) => string) =>
    console.log(
      `  ${label.padEnd(58)} ${before ? value(before).padStart(24) : '(not measured)'.padStart(24)}  ${value(after).padStart(24)}`,
    );
  console.log(
    `  ${''.padEnd(58)} ${`before (${BEFORE})`.padStart(24)}  ${'after (working tree)'.padStart(24)}`,
  );
  const percentiles = (key: 'items' | 'entries' | 'big') => (f: Figures) =>
    `p50 ${p(f[key], 50)}  p95 ${p(f[key], 95)} ms`;
  row(`edit → diagnostics, ${ITEMS}-item file (+19 neighbours)`, percentiles('items'));
  row(`edit → diagnostics, ${ENTRIES}-entry workspace`, percentiles('entries'));
  row(`edit → diagnostics, ${BIG_FILES}-file workspace`, percentiles('big'));
  row(`scan + first lint, ${BIG_FILES} files`, (f) => `${round(f.scanMs, 0)} ms`);
  row(
    `RSS, ${BIG_FILES} files: after scan / after 10 edits / peak`,
    (f) => `${f.rss} / ${f.afterEdits} / ${f.peak} MB`,
  );
  row('RSS, empty workspace', (f) => `${f.idleRss} MB`);
}

/** The summary line's figures: "after" against the direct lint or against "before". */
function figuresOf(after: Figures, before: Figures | undefined, direct: number[]) {
  const vsBefore = (value: number, old: number | undefined) =>
    old === undefined
      ? { baseline: null, ratio: null }
      : { baseline: `before ${old}`, ratio: round(value / old) };
  const figures = [
    {
      name: `edit-to-diagnostics p95 (${ITEMS} items)`,
      value: p(after.items, 95),
      unit: 'ms',
      baseline: p(direct, 95),
      ratio: round(percentile(after.items, 95) / percentile(direct, 95)),
      target: 50,
    },
    {
      name: `edit-to-diagnostics p50 (${ITEMS} items)`,
      value: p(after.items, 50),
      unit: 'ms',
      baseline: p(direct, 50),
      ratio: round(percentile(after.items, 50) / percentile(direct, 50)),
      target: null,
    },
    {
      name: `edit-to-diagnostics p95 (${ENTRIES}-entry workspace)`,
      value: p(after.entries, 95),
      unit: 'ms',
      ...vsBefore(p(after.entries, 95), before && p(before.entries, 95)),
      target: 50,
    },
    {
      name: `server peak RSS, ${BIG_FILES}-file workspace`,
      value: after.peak,
      unit: 'MB',
      ...vsBefore(after.peak, before?.peak),
      target: 150,
    },
    {
      name: `edit-to-diagnostics p95 (${BIG_FILES} files)`,
      value: p(after.big, 95),
      unit: 'ms',
      ...vsBefore(p(after.big, 95), before && p(before.big, 95)),
      target: null,
    },
    {
      name: `scan + first lint (${BIG_FILES} files)`,
      value: round(after.scanMs, 0),
      unit: 'ms',
      ...vsBefore(round(after.scanMs, 0), before && round(before.scanMs, 0)),
      target: null,
    },
  ];
  return figures;
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const dirs = {
    items: workspaceDir('ws-500-items', itemsWorkspace),
    entries: workspaceDir(`ws-${ENTRIES}-entries`, entriesWorkspace),
    empty: workspaceDir('ws-empty', () => []),
    big: workspaceDir(`ws-${BIG_FILES}`, bigWorkspace, true),
  };
  const afterJs = await bundleCurrentServer(repoRoot, work);
  const beforeJs = BEFORE === 'none' ? undefined : await bundleServerAt(repoRoot, work, BEFORE);
  const before = beforeJs ? await measureServer(beforeJs, dirs) : undefined;
  const after = await measureServer(afterJs, dirs);
  // Baseline: the same lint of the edited file, called directly (no LSP, no workspace bookkeeping).
  const neighbours = itemsWorkspace();
  measureDirect(neighbours.slice(0, 1), 0, 20);
  const direct = measureDirect(neighbours.slice(0, 1), 0, EDITS);
  const whole = measureDirect(neighbours, 0, 50);
  console.log(
    `${EDITS} edits per workspace, debounce excluded (default 150 ms, setting unsilo.lint.debounceMs); load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} CPUs`,
  );
  printSideBySide(after, before);
  console.log(
    `  direct lint of the ${ITEMS}-item file (baseline)  p50 ${p(direct, 50)} ms  p95 ${p(direct, 95)} ms`,
  );
  console.log(
    `  direct lint of its 20 files  p50 ${p(whole, 50)} ms  p95 ${p(whole, 95)} ms (what an editor relinting the workspace would pay)`,
  );

  const figures = figuresOf(after, before, direct);
  console.log(JSON.stringify({ area: 'lsp', figures }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
