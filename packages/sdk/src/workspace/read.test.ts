import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkspaceReadError } from './errors';
import { findCatalogueEntry } from './find-entry';
import { openWorkspace } from './open-workspace';
import { readWorkspace, readWorkspaceSync } from './read';
import { compareWalkOrder, listWorkspaceFiles } from './walk';

const ENTRY = 'apiVersion: unsilo/v1\nkind: InformationResource\ncode: "307001030801/000001"\n';
const MAPPING = 'apiVersion: unsilo/v1\nkind: FieldMapping\n';
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-workspace-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('readWorkspace', () => {
  const root = join(scratch, 'ws');
  write(root, {
    'b/entry.yaml': ENTRY,
    'a.yml': `\uFEFF${ENTRY}`,
    'mappings/p.mapping.yaml': MAPPING,
    'notes.yaml': 'just: notes\n',
    'unsilo.config.yaml': ENTRY,
    '.hidden.yaml': ENTRY,
    '.github/x.yaml': ENTRY,
    'node_modules/x.yaml': ENTRY,
    'dist/x.yaml': ENTRY,
    'out/x.yaml': ENTRY,
    'big.yaml': `${ENTRY}# ${'x'.repeat(2000)}\n`,
  });
  symlinkSync(root, join(root, 'b/loop'));

  it('finds entries and mappings by content, in walk order, leaving out hidden, tool and build folders', async () => {
    const files = await readWorkspace(['.'], root);
    expect(files.entries.map((file) => file.path)).toEqual(['a.yml', 'b/entry.yaml', 'big.yaml']);
    expect(files.entries[0]!.text).toBe(ENTRY);
    expect(files.entries[0]!.fsPath).toBe(join(root, 'a.yml'));
    expect(files.mappings.map((file) => file.path)).toEqual(['mappings/p.mapping.yaml']);
    expect(readWorkspaceSync(['.'], root)).toEqual(files);
  });

  it('leaves out files over a size limit, and lints a file named explicitly whatever it holds', async () => {
    const files = await readWorkspace(['.', 'notes.yaml'], root, { maxFileBytes: 1000 });
    expect(files.entries.map((file) => file.path)).toEqual(['a.yml', 'b/entry.yaml', 'notes.yaml']);
  });

  it('says which path is missing, or skips it when asked', async () => {
    expect(() => readWorkspaceSync(['no/such'], root)).toThrow(
      expect.objectContaining({ problem: 'missing', path: 'no/such' }),
    );
    expect(() => listWorkspaceFiles(['no/such'], root)).toThrow(WorkspaceReadError);
    expect(await readWorkspace(['no/such'], root, { skipUnreadable: true })).toEqual({
      entries: [],
      mappings: [],
    });
  });
});

describe('openWorkspace', () => {
  it("opens a folder with its own config unless one is given, and finds an entry's file by code", async () => {
    const root = join(scratch, 'configured');
    write(root, {
      'a.yaml': `${ENTRY}name: 甲\n`,
      'b.yaml': `${ENTRY}name: 乙\n`,
      'unsilo.config.yaml': 'lint:\n  rules:\n    no/such-rule: error\n  ignore: ["b.yaml"]\n',
    });
    const opened = await openWorkspace(root);
    expect(opened.configFile?.problems.map((p) => p.message.en)).toEqual(['unknown rule "no/such-rule"']);
    expect(opened.workspace.diagnostics('b.yaml')).toBeUndefined();
    const unconfigured = await openWorkspace(root, { config: {} });
    expect(unconfigured.configFile).toBeUndefined();
    expect(unconfigured.workspace.diagnostics('b.yaml')?.some((d) => d.rule === 'code/duplicate')).toBe(true);
    expect(findCatalogueEntry(root, ' 307001030801/000001')).toEqual({
      path: 'a.yaml',
      entry: {
        apiVersion: 'unsilo/v1',
        kind: 'InformationResource',
        code: '307001030801/000001',
        name: '甲',
      },
    });
    expect(findCatalogueEntry(root, '307001030801/000002')).toBeUndefined();
  });

  it('opens a folder given relative to the working directory, as `unsilo publish catalog/` passes it', async () => {
    const root = join(scratch, 'relative');
    write(root, { 'a.yaml': `${ENTRY}name: 甲\n` });
    const opened = await openWorkspace(relative(process.cwd(), root));
    expect(opened.files.entries.map((file) => file.path)).toEqual(['a.yaml']);
    await expect(openWorkspace(join(scratch, 'no-such-folder'))).rejects.toThrow(
      `no such file or directory: ${join(scratch, 'no-such-folder')}`,
    );
  });
});

describe('compareWalkOrder', () => {
  it('orders paths as the walk lists them: a folder before a file named like it, segment by segment', () => {
    const paths = ['a.yaml', 'a-b/y.yaml', 'a/x.yaml', 'B.yaml', 'b/c/z.yaml', 'b/d.yaml'];
    expect(paths.sort(compareWalkOrder)).toEqual([
      'B.yaml',
      'a/x.yaml',
      'a-b/y.yaml',
      'a.yaml',
      'b/c/z.yaml',
      'b/d.yaml',
    ]);
  });
});
