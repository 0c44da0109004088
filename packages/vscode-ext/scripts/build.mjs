// Bundles the extension (client), the language server and the integration tests with esbuild.
// Workspace packages are bundled from their TypeScript sources (`source` export condition), so the
// extension needs no prior build of @unsilo/sdk and ships as two small CommonJS files.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, context } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  conditions: ['source'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

// The exchange client validates answers against the bundled contract (@unsilo/spec/openapi.json), a build
// output of the spec package: build it when a fresh checkout does not have it yet.
const openapi = join(root, '../spec/dist/openapi.json');
if (!existsSync(openapi)) {
  console.log('[build] bundling the OpenAPI contract first (packages/spec)');
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs'], {
    cwd: join(root, '../spec'),
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const targets = [
  { ...common, entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['src/client/exchange-commands.ts'],
    outfile: 'dist/exchange.js',
    external: ['vscode'],
  },
  { ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
];

if (args.has('--tests')) {
  const suite = readdirSync(join(root, 'test/suite')).filter((f) => f.endsWith('.ts'));
  targets.push({
    ...common,
    sourcemap: 'inline',
    entryPoints: suite.map((f) => `test/suite/${f}`),
    outdir: 'out/test/suite',
    external: ['vscode', 'mocha'],
  });
  targets.push({
    ...common,
    entryPoints: ['test/run-electron.ts'],
    outfile: 'out/test/run-electron.js',
    external: ['@vscode/test-electron'],
  });
}

if (args.has('--watch')) {
  for (const options of targets) await (await context(options)).watch();
} else {
  const started = Date.now();
  await Promise.all(targets.map((options) => build(options)));
  console.log(
    `[build] ${targets.map((t) => t.outfile ?? t.outdir).join(', ')} in ${Date.now() - started} ms`,
  );
}
