#!/usr/bin/env node
// Runs the extension's integration suite — and the Playwright UI test — in a real VS Code without internet:
// code-server 4.100.3 (= VS Code 1.100.3, the last release on Node 20) with Debian's chromium driven by
// playwright-core. The tools are installed on first use into <repo>/.tools/vscode (scripts/vscode-tools).
//
//   node test/run-code-server.mjs            suite, then UI test
//   node test/run-code-server.mjs --suite    mocha suite only
//   node test/run-code-server.mjs --ui       UI test only
//
// The extension must be built first (`npm run test:vscode` does it). Exit code: 0 when everything passed,
// 1 when a test failed, 2 when the harness itself failed (no CJK font, tools, code-server, browser, timeout).
// Env: UNSILO_VSCODE_TIMEOUT_MS (per run, default 300000), UNSILO_VSCODE_PORT, UNSILO_VSCODE_KEEP=1 (keep state).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { cjkFontProblem } from './cjk-font.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const extensionRoot = resolve(here, '..');
const repoRoot = resolve(extensionRoot, '../..');
const artifacts = join(repoRoot, '.artifacts/vscode');
const args = new Set(process.argv.slice(2));
const runSuite = !args.has('--ui');
const runUi = !args.has('--suite');
const timeoutMs = Number(process.env.UNSILO_VSCODE_TIMEOUT_MS ?? 300_000);
const started = Date.now();
const log = (...parts) =>
  console.log(`[test:vscode +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);

class HarnessError extends Error {}

async function freePort() {
  if (process.env.UNSILO_VSCODE_PORT) return Number(process.env.UNSILO_VSCODE_PORT);
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

async function waitForHealth(url, child, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new HarnessError(`code-server exited early with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new HarnessError(`code-server did not answer ${url} within ${ms} ms`);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new HarnessError(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  // The screenshots show Chinese: without a CJK font every Chinese character in them is an empty box.
  const fontProblem = cjkFontProblem();
  if (fontProblem) throw new HarnessError(fontProblem);
  const { install, toolsDir } = await import(join(repoRoot, 'scripts/vscode-tools/install.mjs'));
  try {
    install();
  } catch (e) {
    throw new HarnessError(e.message);
  }
  const toolsRequire = createRequire(join(toolsDir, 'package.json'));
  const { chromium } = toolsRequire('playwright-core');
  const codeServerBin = join(toolsDir, 'node_modules/.bin/code-server');

  // Fresh state every run: code-server, VS Code's IPC sockets and Chromium all write under one folder.
  const state = mkdtempSync(join(tmpdir(), 'unsilo-vscode-'));
  // Each run gets its own copy of the fixture workspace: the suite edits and saves files.
  const freshWorkspace = (name) => {
    const dir = join(state, name);
    cpSync(join(extensionRoot, 'test/fixtures/workspace'), dir, { recursive: true });
    return dir;
  };
  for (const d of ['tmp', 'xdg/config', 'xdg/data', 'xdg/cache', 'user', 'extensions', 'chrome'])
    mkdirSync(join(state, d), { recursive: true });
  mkdirSync(artifacts, { recursive: true });
  // Settings: no welcome page, the layout the UI test expects, fast diagnostics.
  mkdirSync(join(state, 'user/User'), { recursive: true });
  writeFileSync(
    join(state, 'user/User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      'editor.minimap.enabled': false,
      'unsilo.lint.debounceMs': 50,
      'window.commandCenter': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }),
  );

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const env = {
    ...process.env,
    TMPDIR: join(state, 'tmp'),
    XDG_CONFIG_HOME: join(state, 'xdg/config'),
    XDG_DATA_HOME: join(state, 'xdg/data'),
    XDG_CACHE_HOME: join(state, 'xdg/cache'),
    // The extension host inherits code-server's environment: this is how the suite gets its settings.
  };
  const serverLog = join(state, 'code-server.log');
  log(`starting code-server on ${host} (state in ${state})`);
  const child = spawn(
    codeServerBin,
    [
      '--bind-addr',
      host,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--ignore-last-opened',
      '--disable-getting-started-override',
      '--user-data-dir',
      join(state, 'user'),
      '--extensions-dir',
      join(state, 'extensions'),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const serverOutput = [];
  const keep = (d) => {
    serverOutput.push(String(d));
    if (serverOutput.length > 400) serverOutput.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    writeFileSync(serverLog, serverOutput.join(''));
    if (process.env.UNSILO_VSCODE_KEEP !== '1')
      rmSync(state, { recursive: true, force: true, maxRetries: 3 });
    else log(`state kept in ${state}`);
  };

  const results = {};
  try {
    await waitForHealth(`http://${host}/healthz`, child, 60_000);
    log('code-server is up; launching chromium');
    browser = await chromium.launch({
      executablePath: process.env.UNSILO_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const remote = (p) => `vscode-remote://${host}${p}`;
    const workbenchUrl = (workspace, payload) =>
      `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    if (runSuite) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      let done;
      const exited = new Promise((r) => {
        done = r;
      });
      await page.exposeFunction('codeAutomationLog', (_type, logArgs) => {
        console.log(format(...(Array.isArray(logArgs) ? logArgs : [logArgs])).replace(/%c/g, ''));
      });
      await page.exposeFunction('codeAutomationExit', (code) => done(code));
      page.on('pageerror', (e) => log('[pageerror]', e.message));
      log('running the mocha suite in the extension host…');
      await page.goto(
        workbenchUrl(freshWorkspace('workspace-suite'), [
          ['extensionDevelopmentPath', remote(extensionRoot)],
          ['extensionTestsPath', remote(join(extensionRoot, 'out/test/suite/index.js'))],
        ]),
      );
      const code = await withTimeout(exited, timeoutMs, 'the mocha suite');
      await page.screenshot({ path: join(artifacts, 'suite-end.png') }).catch(() => {});
      await page.close();
      results.suite = code === 0 ? 0 : 1;
      log(`suite finished with exit code ${code}`);
    }

    if (runUi) {
      const { runUiTest } = await import(join(here, 'ui/workbench-ui.mjs'));
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('pageerror', (e) => log('[pageerror]', e.message));
      log('running the UI test…');
      await page.goto(
        workbenchUrl(freshWorkspace('workspace-ui'), [['extensionDevelopmentPath', remote(extensionRoot)]]),
      );
      try {
        await withTimeout(runUiTest(page, { artifacts, log }), timeoutMs, 'the UI test');
        results.ui = 0;
        log('UI test passed');
      } catch (e) {
        if (e instanceof HarnessError) throw e;
        results.ui = 1;
        log(`UI test FAILED: ${e instanceof Error ? e.message : e}`);
        await page.screenshot({ path: join(artifacts, 'ui-failure.png') }).catch(() => {});
      }
      await page.close();
    }
  } catch (e) {
    log(`harness error: ${e instanceof Error ? e.message : e}`);
    log(`last code-server output:\n${serverOutput.join('').split('\n').slice(-30).join('\n')}`);
    await cleanup();
    return 2;
  }
  await cleanup();
  const failed = Object.entries(results).filter(([, c]) => c !== 0);
  log(`done: ${JSON.stringify(results)}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('[test:vscode] harness error:', e instanceof HarnessError ? e.message : e);
    process.exit(2);
  },
);
