#!/usr/bin/env node
// Installs code-server + playwright-core into <repo>/.tools/vscode (a folder of its own: ~320 MB of
// node_modules that must stay out of the workspaces' lock file). Idempotent: a second run returns at once.
//
// Works without internet access beyond the npm registry:
// - @vscode/ripgrep's postinstall downloads `rg` from GitHub; its cache is seeded with Debian's /usr/bin/rg;
// - node-pty and kerberos have no usable prebuilt binary here, so they compile (needs libkrb5-dev);
// - playwright-core is told not to download a browser: the runner uses Debian's chromium.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
export const toolsDir = process.env.UNSILO_VSCODE_TOOLS ?? join(repoRoot, '.tools/vscode');
const RIPGREP_VERSION = '1.15.11'; // pinned by code-server 4.100.3's lib/vscode shrinkwrap
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const log = (msg) => console.log(`[vscode-tools] ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status ?? r.signal}`);
  return r;
}

export function toolsInstalled() {
  const want = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies;
  for (const [name, version] of Object.entries(want)) {
    const pkg = join(toolsDir, 'node_modules', name, 'package.json');
    if (!existsSync(pkg) || JSON.parse(readFileSync(pkg, 'utf8')).version !== version) return false;
  }
  return existsSync(join(toolsDir, 'node_modules/.bin/code-server'));
}

export function checkSystem() {
  const missing = [];
  if (!existsSync('/usr/bin/chromium') && !process.env.UNSILO_CHROMIUM) missing.push('chromium');
  if (!existsSync('/usr/bin/rg')) missing.push('ripgrep');
  return missing;
}

export function install() {
  if (toolsInstalled()) {
    log(`already installed in ${toolsDir}`);
    return;
  }
  const missing = checkSystem();
  if (missing.length) {
    throw new Error(
      `missing system packages: ${missing.join(' ')} — run: apt-get install -y chromium ripgrep libkrb5-dev`,
    );
  }
  const t0 = Date.now();
  mkdirSync(toolsDir, { recursive: true });
  copyFileSync(join(here, 'package.json'), join(toolsDir, 'package.json'));
  const lock = join(here, 'package-lock.json');
  if (existsSync(lock)) copyFileSync(lock, join(toolsDir, 'package-lock.json'));

  const tmp = join(toolsDir, 'tmp');
  const cache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_VERSION}`);
  const seed = join(tmp, 'rgseed');
  mkdirSync(cache, { recursive: true });
  mkdirSync(seed, { recursive: true });
  copyFileSync('/usr/bin/rg', join(seed, 'rg'));
  run('tar', ['czf', join(cache, RIPGREP_ASSET), '-C', seed, 'rg']);

  log(`installing code-server + playwright-core into ${toolsDir} (a few minutes on a fresh machine)…`);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    FORCE_NODE_VERSION: process.env.FORCE_NODE_VERSION ?? '',
  };
  if (!env.FORCE_NODE_VERSION) delete env.FORCE_NODE_VERSION;
  run('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: toolsDir,
    env,
  });
  rmSync(seed, { recursive: true, force: true });
  if (!toolsInstalled()) throw new Error('code-server did not install; see the npm output above');
  log(`installed in ${Math.round((Date.now() - t0) / 1000)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    install();
  } catch (e) {
    console.error(`[vscode-tools] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
