// Language server benchmark: time from an edit (didChange) to published diagnostics, at the LSP level, against
// the same lint run directly (the baseline); and the server's memory with a 10,000-file workspace open.
//
//   node --conditions=source --import tsx bench/lsp.ts [--edits N] [--files N]
//
// The server runs as the extension runs it: the bundled dist/server.js in its own Node process, here over stdio.
// Debounce is excluded (debounceMs 0) and reported separately: it is a pause VS Code users configure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintWorkspace } from '@unsilo/sdk/catalog';
import { build } from 'esbuild';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

const repoRoot = join(import.meta.dirname, '..');
const work = join(repoRoot, '.bench/lsp');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EDITS = arg('--edits', 200);
const BIG_FILES = arg('--files', 10_000);
const ITEMS = 500;
// The Node options the extension starts its server with (src/client/language-client.ts SERVER_EXEC_ARGV).
const SERVER_NODE_OPTIONS = (process.env.LSP_NODE_OPTIONS ?? '--max-semi-space-size=8')
  .split(' ')
  .filter(Boolean);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function entry(code: string, name: string, items: number, provider = '11330100MB0000019K'): string {
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
  return `${lines.join('\n')}\n`;
}

const codeOf = (n: number) =>
  `3070010308${String(1 + (n % 99)).padStart(2, '0')}/${String(n).padStart(6, '0')}`;

async function bundleServer(): Promise<string> {
  const outfile = join(work, 'server.cjs');
  await build({
    entryPoints: [join(repoRoot, 'packages/vscode-ext/src/server/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    conditions: ['source'],
    logLevel: 'warning',
  });
  return outfile;
}

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

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const serverJs = await bundleServer();

  // 1. Edit → diagnostics on a 500-item catalogue file (with a few neighbours for the workspace rules).
  const small = join(work, 'ws-500');
  rmSync(small, { recursive: true, force: true });
  mkdirSync(small, { recursive: true });
  const big = entry('307001030801/000001', '五百个信息项的资源', ITEMS);
  writeFileSync(join(small, 'big.yaml'), big);
  const neighbours = [{ path: 'big.yaml', text: big }];
  for (let i = 2; i <= 20; i++) {
    const text = entry(codeOf(i), `资源${i}`, 5);
    writeFileSync(join(small, `r${i}.yaml`), text);
    neighbours.push({ path: `r${i}.yaml`, text });
  }
  const server = await startServer(serverJs, small);
  await measureEdits(server, join(small, 'big.yaml'), big, 20); // warm-up
  const lsp = await measureEdits(server, join(small, 'big.yaml'), big, EDITS);
  await server.stop();
  // Baseline: the same lint of the edited file, called directly (no LSP, no workspace bookkeeping).
  measureDirect(neighbours.slice(0, 1), 0, 20);
  const direct = measureDirect(neighbours.slice(0, 1), 0, EDITS);
  const whole = measureDirect(neighbours, 0, 50);
  const lspP50 = percentile(lsp, 50);
  const lspP95 = percentile(lsp, 95);
  const directP50 = percentile(direct, 50);
  const directP95 = percentile(direct, 95);
  console.log(
    `edit → diagnostics, ${ITEMS}-item file (+19 neighbours), ${EDITS} edits, debounce excluded (default 150 ms, setting unsilo.lint.debounceMs):`,
  );
  console.log(`  language server  p50 ${round(lspP50)} ms  p95 ${round(lspP95)} ms`);
  console.log(`  direct lint of the file (baseline)  p50 ${round(directP50)} ms  p95 ${round(directP95)} ms`);
  console.log(
    `  direct lint of all 20 files        p50 ${round(percentile(whole, 50))} ms  p95 ${round(percentile(whole, 95))} ms (what an editor relinting the workspace would pay)`,
  );

  // 2. Memory with a 10,000-file workspace, against the same server with an empty workspace.
  const empty = join(work, 'ws-empty');
  mkdirSync(empty, { recursive: true });
  const idle = await startServer(serverJs, empty);
  const idleMem = rssMb(idle.pid);
  await idle.stop();

  const large = join(work, `ws-${BIG_FILES}`);
  const marker = join(large, '.complete');
  if (!existsSync(marker)) {
    rmSync(large, { recursive: true, force: true });
    for (let i = 0; i < BIG_FILES; i++) {
      const dir = join(large, `dept${String(i % 100).padStart(3, '0')}`);
      if (i < 100) mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `r${i}.yaml`), entry(codeOf(100 + i), `资源${i}`, 8));
    }
    writeFileSync(marker, '');
  }
  const scanStarted = performance.now();
  const loaded = await startServer(serverJs, large);
  const scanMs = performance.now() - scanStarted;
  const loadedMem = rssMb(loaded.pid);
  const firstFile = join(large, 'dept000/r0.yaml');
  const bigEdits = await measureEdits(loaded, firstFile, readFileSync(firstFile, 'utf8'), 10);
  const afterEdits = rssMb(loaded.pid);
  await loaded.stop();
  console.log(
    `memory, ${BIG_FILES}-file workspace: RSS ${loadedMem.rss} MB after scan + lint (${round(scanMs, 0)} ms), ${afterEdits.rss} MB after 10 edits, peak ${afterEdits.peak} MB; empty workspace ${idleMem.rss} MB`,
  );
  console.log(
    `  edit → diagnostics in that workspace (the edited file and its workspace-rule neighbours): p50 ${round(percentile(bigEdits, 50))} ms  p95 ${round(percentile(bigEdits, 95))} ms`,
  );

  const figures = [
    {
      name: 'edit-to-diagnostics p95 (500 items)',
      value: round(lspP95),
      unit: 'ms',
      baseline: round(directP95),
      ratio: round(lspP95 / directP95),
      target: 50,
    },
    {
      name: 'edit-to-diagnostics p50 (500 items)',
      value: round(lspP50),
      unit: 'ms',
      baseline: round(directP50),
      ratio: round(lspP50 / directP50),
      target: null,
    },
    {
      name: `server RSS, ${BIG_FILES}-file workspace`,
      value: afterEdits.peak,
      unit: 'MB',
      baseline: idleMem.rss,
      ratio: round(afterEdits.peak / idleMem.rss),
      target: 150,
    },
    {
      name: `edit-to-diagnostics p95 (${BIG_FILES} files)`,
      value: round(percentile(bigEdits, 95)),
      unit: 'ms',
      baseline: round(lspP95),
      ratio: round(percentile(bigEdits, 95) / lspP95),
      target: null,
    },
  ];
  console.log(JSON.stringify({ area: 'lsp', figures }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
