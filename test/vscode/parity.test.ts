// The editor and the CLI must report the same diagnostics on the same files (the most common complaint
// about editor linters is that they disagree with their CLI). Same fixture workspace, both sides, line for line.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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

type Session = Awaited<ReturnType<typeof startSession>>;

async function serverLines(root: string, open?: (session: Session) => Promise<void>): Promise<string[]> {
  const session = await startSession({ root, locale: 'en' });
  try {
    await open?.(session);
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
            message: typeof d.message === 'string' ? d.message : d.message.value,
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

/**
 * A workspace where rule messages depend on the order files are read in (more than four duplicates, folders
 * named `a` and `a-b`), edited incrementally in the server: after each edit the server's diagnostics for the
 * whole workspace must still equal a fresh CLI run on the same texts.
 */
describe('parity after incremental edits', () => {
  const root = join(repoRoot, '.artifacts/vscode', `parity-${process.pid}`);
  const template = readFileSync(
    join(repoRoot, 'packages/vscode-ext/test/fixtures/workspace/catalog/population.yaml'),
    'utf8',
  );
  const entry = (code: string, name: string, provider: string, related: string[] = []) =>
    template
      .replace('307001030801/000012', code)
      .replace('户籍人口基本信息', name)
      .replace('11330100MB0000019K', provider) +
    (related.length ? `related: ${JSON.stringify(related)}\n` : '');
  const files: Record<string, string> = {
    'a/x.yaml': entry('307001030801/000001', '甲', '11330100MB0000019K'),
    'a-b/y.yaml': entry('307001030801/000001', '乙', '11330100MB0000027E'),
    'a.yaml': entry('307001030801/000001', '丙', '11330100MB0000019K'),
    'b/c/z.yaml': entry('307001030801/000001', '甲', '11330100MB0000019K'),
    'b/d.yaml': entry('307001030801/000001', '丁', '11330100MB0000027E', ['307001030801/000002']),
    'c.yaml': entry('307001030801/000002', '戊', '11330100MB0000027E', ['307001030801/000009']),
  };
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('stays equal to the CLI while files are edited', async () => {
    rmSync(root, { recursive: true, force: true });
    for (const [path, text] of Object.entries(files)) write(path, text);
    try {
      const edits: Array<[string, string]> = [
        ['c.yaml', files['c.yaml']!.replace('307001030801/000002', '307001030801/000001')],
        ['a/x.yaml', files['a/x.yaml']!.replace('307001030801/000001', '307001030801/000009')],
        ['b/d.yaml', files['b/d.yaml']!.replace('name: 丁', 'name: 乙 ')],
      ];
      const server = await serverLines(root, async (session) => {
        let version = 1;
        for (const [path, text] of edits) {
          const uri = `file://${join(root, path)}`;
          session.open(uri, readFileSync(join(root, path), 'utf8'), version++);
          session.change(uri, text, version++);
          write(path, text);
          await session.settled();
        }
      });
      const cli = await cliLines(root);
      expect(cli.some((l) => l.includes('…(+'))).toBe(true);
      expect(server).toEqual(cli);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
