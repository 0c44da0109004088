#!/usr/bin/env node
// Fails when the committed generated files differ from what the spec generates now:
// runs `npm run generate`, then lists any change under the generated paths (exit 1).
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED = ['packages/spec/dist/openapi.json', 'packages/sdk/src/generated'];

try {
  execFileSync('npm', ['run', 'generate'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  process.stderr.write('check-generated: `npm run generate` failed\n');
  process.exit(2);
}

const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...GENERATED], {
  cwd: root,
  encoding: 'utf8',
});
const changed = status.split('\n').filter(Boolean);
if (changed.length > 0) {
  process.stderr.write(
    `Generated files are stale or uncommitted (run \`npm run generate\` and commit them):\n${changed.map((line) => `  ${line}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('Generated files are up to date.\n');
