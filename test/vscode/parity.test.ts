// The editor and the CLI must report the same diagnostics on the same files (the most common complaint
// about editor linters is that they disagree with their CLI). Same fixture workspace, both sides, line for line.
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../packages/vscode-ext/src/server/lsp-test-harness';
import { repoRoot, runCli } from '../helpers/cli';

interface CliDiagnostic {
  file: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const severityName = { 1: 'error', 2: 'warning', 3: 'info' } as const;
const line = (d: Omit<CliDiagnostic, 'range'> & { range: CliDiagnostic['range'] }) =>
  `${d.file}:${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.severity} ${d.rule} ${d.message}`;

async function cliLines(root: string): Promise<string[]> {
  const result = await runCli(['lint', '--format', 'json', '--lang', 'en'], { cwd: root });
  expect(result.stderr).toBe('');
  expect([0, 1]).toContain(result.code);
  const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: CliDiagnostic[] };
  return diagnostics.map(line).sort();
}

async function serverLines(root: string): Promise<string[]> {
  const session = await startSession({ root, locale: 'en' });
  try {
    const lines: string[] = [];
    for (const [uri, diagnostics] of session.diagnostics) {
      const file = relative(root, fileURLToPath(uri)).split(sep).join('/');
      if (file === 'unsilo.config.yaml') continue;
      for (const d of diagnostics) {
        lines.push(
          line({
            file,
            rule: String(d.code),
            severity: severityName[d.severity as 1 | 2 | 3],
            message: d.message,
            range: {
              start: { line: d.range.start.line + 1, column: d.range.start.character + 1 },
              end: { line: d.range.end.line + 1, column: d.range.end.character + 1 },
            },
          }),
        );
      }
    }
    return lines.sort();
  } finally {
    session.dispose();
  }
}

describe('language server ⇄ `unsilo lint --format json` parity', () => {
  const workspaces = {
    'the catalogue linter fixtures (test/fixtures/catalog)': join(repoRoot, 'test/fixtures/catalog'),
    'the extension fixture workspace (with unsilo.config.yaml)': join(
      repoRoot,
      'packages/vscode-ext/test/fixtures/workspace',
    ),
  };
  for (const [name, source] of Object.entries(workspaces)) {
    it(`reports the same diagnostics on ${name}`, async () => {
      // Both sides only read the files, so they lint the fixtures in place (the CLI runs from the repo, as
      // runCli needs).
      const [cli, server] = await Promise.all([cliLines(source), serverLines(source)]);
      expect(cli.length).toBeGreaterThan(0);
      expect(server).toEqual(cli);
    }, 120_000);
  }
});
