// Runs the integration suite in a VS Code downloaded by @vscode/test-electron (machines with internet access).
// Without internet use `npm run test:vscode`, which runs the same suite in code-server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = resolve(__dirname, '../..');
  const extensionTestsPath = resolve(__dirname, 'suite/index.js');
  const workspace = resolve(extensionDevelopmentPath, 'test/fixtures/workspace');
  const userDataDir = mkdtempSync(join(tmpdir(), 'unsilo-vscode-user-'));
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      `--user-data-dir=${userDataDir}`,
    ],
    extensionTestsEnv: { UNSILO_TEST_WORKSPACE: workspace },
  });
}

main().catch((error) => {
  console.error('[test:electron] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
