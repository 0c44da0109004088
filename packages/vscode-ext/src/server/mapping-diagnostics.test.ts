import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node';
import { fileUri, type LspSession, startSession } from './lsp-test-harness';

const fixture = fileURLToPath(new URL('../../test/fixtures/workspace', import.meta.url));
const MAPPING = 'mappings/population.mapping.yaml';

let root: string;
let session: LspSession | undefined;
const uriOf = (relative: string) => fileUri(join(root, relative));
const read = (relative: string) => readFileSync(join(root, relative), 'utf8');
const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => [d.severity, d.code, d.range.start.line, d.range.start.character]);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'unsilo-lsp-mapping-'));
  cpSync(fixture, root, { recursive: true });
});

afterEach(() => {
  session?.dispose();
  session = undefined;
  rmSync(root, { recursive: true, force: true });
});

describe('mapping diagnostics in the editor', () => {
  it('an open mapping gets the compiler diagnostics: codes, code sets, transforms, columns of its sample', async () => {
    session = await startSession({ root });
    const uri = uriOf(MAPPING);
    const text = read(MAPPING);
    const clean = session.nextDiagnostics(uri);
    session.open(uri, text);
    // The fixture is a good mapping, and its sample has every column it reads.
    expect(summary(await clean)).toEqual([]);

    const broken = text
      .replace('xb: { from: XB, codes: { "1": "1", "2": "2", 男: "1", 女: "2" } }', 'xb: { from: XINGBIE }')
      .replace('[{ date: ["YYYYMMDD", "YYYY年M月D日", "YYYY/M/D"] }]', '[{ date: "YYYY-QQ" }]');
    const next = session.nextDiagnostics(uri, (d) => d.length > 0);
    session.change(uri, broken, 2);
    const diagnostics = await next;
    expect(summary(diagnostics)).toEqual([
      [2, 'mapping/codes-missing', 8, 2],
      [1, 'mapping/bad-transform', 9, 34],
    ]);
    expect(diagnostics[0]?.message).toMatch(
      /^item "xb" takes codes of GB\/T 2261\.1 and the field has no codes: translation: source values pass unchanged/,
    );

    const unknownColumn = text.replace('xb: { from: XB,', 'xb: { from: XINGBIE,');
    const columns = session.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'mapping/unknown-column'));
    session.change(uri, unknownColumn, 3);
    expect(summary(await columns)).toEqual([[1, 'mapping/unknown-column', 8, 8]]);
  });

  it('says when no catalogue file declares the resource, and clears on close', async () => {
    session = await startSession({ root, locale: 'zh-cn' });
    const uri = uriOf(MAPPING);
    const text = read(MAPPING).replace('resource: "307001030801/000012"', 'resource: "307001030801/099999"');
    const next = session.nextDiagnostics(uri, (d) => d.length > 0);
    session.open(uri, text);
    const diagnostics = await next;
    expect(summary(diagnostics)).toEqual([[2, 'mapping/entry-not-found', 2, 10]]);
    expect(diagnostics[0]?.message).toBe(
      '工作区中没有声明资源 307001030801/099999 的目录文件：未对照目录条目检查映射',
    );
    const cleared = session.nextDiagnostics(uri, (d) => d.length === 0);
    void session.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    expect(await cleared).toEqual([]);
  });
});
