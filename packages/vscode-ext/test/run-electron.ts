// Runs the integration suite in a VS Code downloaded by @vscode/test-electron (machines with internet access).
// Without internet use `npm run test:vscode`, which runs the same suite in code-server.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = resolve(__dirname, '../..');
  const extensionTestsPath = resolve(__dirname, 'suite/index.js');
  // The suite edits and saves files: it works on a copy of the fixture workspace.
  const workspace = mkdtempSync(join(tmpdir(), 'unsilo-vscode-ws-'));
  cpSync(resolve(extensionDevelopmentPath, 'test/fixtures/workspace'), workspace, { recursive: true });
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
  });
}

main().catch((error) => {
  console.error('[test:electron] failed:', error instanceof Error ? error.message : error);
  console.error(
    '[test:electron] without internet access, run the same suite in code-server: npm run test:vscode',
  );
  process.exit(1);
});
