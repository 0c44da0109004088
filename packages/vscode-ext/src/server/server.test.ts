import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  CompletionItem,
  DocumentSymbol,
  Hover,
  MarkupContent,
} from 'vscode-languageserver/node';
import { fileUri, type LspSession, startSession } from './lsp-test-harness';

const fixture = fileURLToPath(new URL('../../test/fixtures/workspace', import.meta.url));

let root: string;
let session: LspSession | undefined;
const uriOf = (relative: string) => fileUri(join(root, relative));
const read = (relative: string) => readFileSync(join(root, relative), 'utf8');
const codes = (uri: string) => (session?.diagnostics.get(uri) ?? []).map((d) => d.code);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'unsilo-lsp-'));
  cpSync(fixture, root, { recursive: true });
});

afterEach(() => {
  session?.dispose();
  session = undefined;
  rmSync(root, { recursive: true, force: true });
});

describe('diagnostics', () => {
  it('scans the workspace and reports on files that are not open, with rule ids linked to their docs', async () => {
    session = await startSession({ root });
    const civil = session.diagnostics.get(uriOf('catalog/civil-affairs.yaml')) ?? [];
    expect(civil.map((d) => d.code)).toEqual(['code/duplicate', 'single-source/conflict']);
    expect(civil[0]).toMatchObject({
      source: 'unsilo',
      severity: 1,
      range: { start: { line: 2, character: 6 } },
      codeDescription: { href: expect.stringMatching(/^https:\/\/.+#codeduplicate$/) },
      message: expect.stringContaining('catalog/marriage-archive.yaml'),
    });
    // the mapping file and the config are not catalogue files
    expect(session.diagnostics.has(uriOf('mappings/population.mapping.yaml'))).toBe(false);
  });

  it('speaks the display language passed by the client', async () => {
    session = await startSession({ root, locale: 'zh-cn' });
    const faulty = session.diagnostics.get(uriOf('catalog/faulty.yaml')) ?? [];
    const date = faulty.find((d) => d.code === 'date/format');
    expect(date?.message).toMatch(/2019-05-10/);
    expect(date?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('updates as the user types, before the file is saved', async () => {
    session = await startSession({ root });
    const uri = uriOf('catalog/population.yaml');
    const text = read('catalog/population.yaml');
    session.open(uri, text);
    const typed = text.replace('updateCycle: daily', 'updateCycle: daily\nsumary: 拼错');
    const next = session.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'schema/unknown-field'));
    session.change(uri, typed, 2);
    const diagnostics = await next;
    const unknown = diagnostics.find((d) => d.code === 'schema/unknown-field');
    expect(unknown?.range.start).toEqual({
      line: typed.split('\n').findIndex((l) => l.startsWith('sumary')),
      character: 0,
    });
  });

  it('re-lints workspace rules when another file changes in the editor', async () => {
    session = await startSession({ root });
    const civil = uriOf('catalog/civil-affairs.yaml');
    expect(codes(civil)).toContain('code/duplicate');
    const archive = uriOf('catalog/marriage-archive.yaml');
    const text = read('catalog/marriage-archive.yaml');
    session.open(archive, text);
    const cleared = session.nextDiagnostics(civil, (d) => !d.some((x) => x.code === 'code/duplicate'));
    session.change(archive, text.replace('307001030803/000001', '307001030803/000077'), 2);
    await cleared;
  });

  it('follows files changed on disk (file watcher) and the config file', async () => {
    session = await startSession({ root });
    const faulty = uriOf('catalog/faulty.yaml');
    expect(codes(faulty)).toContain('name/whitespace');
    writeFileSync(join(root, 'unsilo.config.yaml'), 'lint:\n  rules:\n    name/whitespace: off\n');
    const off = session.nextDiagnostics(faulty, (d) => !d.some((x) => x.code === 'name/whitespace'));
    await session.client.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('unsilo.config.yaml'), type: 2 }],
    });
    await off;

    writeFileSync(
      join(root, 'catalog/extra.yaml'),
      read('catalog/population.yaml').replace('户籍人口基本信息', '另一个'),
    );
    const dup = session.nextDiagnostics(uriOf('catalog/extra.yaml'), (d) =>
      d.some((x) => x.code === 'code/duplicate'),
    );
    await session.client.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('catalog/extra.yaml'), type: 1 }],
    });
    await dup;

    rmSync(join(root, 'catalog/extra.yaml'));
    const gone = session.nextDiagnostics(uriOf('catalog/extra.yaml'), (d) => d.length === 0);
    await session.client.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('catalog/extra.yaml'), type: 3 }],
    });
    await gone;
  });

  it('never crashes on malformed YAML: it reports yaml/syntax with a position', async () => {
    session = await startSession({ root });
    const uri = uriOf('catalog/population.yaml');
    session.open(uri, read('catalog/population.yaml'));
    const next = session.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'yaml/syntax'));
    session.change(
      uri,
      'apiVersion: unsilo/v1\nkind: InformationResource\ncode: "unterminated\nname: [\n',
      2,
    );
    const diagnostics = await next;
    expect(diagnostics[0]?.range.start.line).toBeGreaterThanOrEqual(2);
  });
});

describe('code actions', () => {
  it('offers the linter fix as a quick fix and a fix-all for the file', async () => {
    session = await startSession({ root });
    const uri = uriOf('catalog/faulty.yaml');
    const text = read('catalog/faulty.yaml');
    session.open(uri, text);
    await session.settled();
    const date = session.diagnostics.get(uri)?.find((d) => d.code === 'date/format');
    expect(date).toBeDefined();
    const actions = (await session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: date!.range,
      context: { diagnostics: [date], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'date/format');
    expect(fix?.edit?.changes?.[uri]).toEqual([{ range: date!.range, newText: '2019-05-10' }]);

    const fixAll = (await session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(fixAll).toHaveLength(1);
    expect(fixAll[0]?.kind).toBe('source.fixAll');
    const fixed = fixAll[0]?.edit?.changes?.[uri]?.[0]?.newText ?? '';
    expect(fixed).toContain('type: conditional');
    expect(fixed).toContain('updateCycle: monthly');
    expect(fixed).toContain('publishedAt: 2019-05-10');
    expect(fixed).toContain('codeset: GB/T 2261.1');

    // The fixed text lints clean of every fixable rule.
    const next = session.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'date/format'));
    session.change(uri, fixed, 2);
    const after = await next;
    expect(after.map((d) => d.code)).toEqual(['related/unresolved']);
  });

  it('offers a suggestion as a quick fix that is not preferred, and leaves it out of fix-all', async () => {
    session = await startSession({ root });
    const uri = uriOf('catalog/faulty.yaml');
    const text = read('catalog/faulty.yaml').replace('  class: department', '  class: basic');
    session.open(uri, text);
    await session.settled();
    const mismatch = session.diagnostics.get(uri)?.find((d) => d.code === 'code/class-mismatch');
    const actions = (await session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: mismatch!.range,
      context: { diagnostics: [mismatch], only: ['quickfix'] },
    })) as CodeAction[];
    const suggestion = actions.find((a) => a.diagnostics?.[0]?.code === 'code/class-mismatch');
    expect(suggestion).toMatchObject({ isPreferred: false });
    expect(suggestion?.edit?.changes?.[uri]?.[0]?.newText).toBe('department');
    const fixAll = (await session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    const fixed = fixAll[0]?.edit?.changes?.[uri]?.[0]?.newText ?? '';
    expect(fixed).toContain('publishedAt: 2019-05-10');
    expect(fixed).toContain('  class: basic\n');
  });

  it('offers nothing when the document changed since the lint (stale offsets)', async () => {
    session = await startSession({ root, debounceMs: 10_000 });
    const uri = uriOf('catalog/faulty.yaml');
    const text = read('catalog/faulty.yaml');
    session.open(uri, text);
    await session.settled();
    const date = session.diagnostics.get(uri)?.find((d) => d.code === 'date/format');
    session.change(uri, `# edited\n${text}`, 2);
    const actions = (await session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: date!.range,
      context: { diagnostics: [date] },
    })) as CodeAction[];
    expect(actions).toEqual([]);
  });
});

describe('hover, completion, outline', () => {
  const at = (text: string, needle: string, delta = 0) => {
    const offset = text.indexOf(needle) + delta;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
  };
  const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

  it('hovers keys with the national element, vocabulary values with their meaning and code sets with their title', async () => {
    session = await startSession({ root, locale: 'zh-cn' });
    const uri = uriOf('catalog/population.yaml');
    const text = read('catalog/population.yaml');
    session.open(uri, text);
    const hover = (position: { line: number; character: number }) =>
      session!.client.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position,
      }) as Promise<Hover | null>;
    const code = hoverText(await hover(at(text, 'code: "3070', 1)));
    expect(code).toContain('**信息资源代码** · Resource code');
    expect(code).toContain('分类码/顺序码'); // the national rule of the element
    expect(code).toContain('code/format');
    const share = hoverText(await hover(at(text, 'conditional', 3)));
    expect(share).toContain('有条件共享');
    expect(share).toContain('`2`');
    expect(hoverText(await hover(at(text, 'GB/T 2261.1', 2)))).toContain('性别');
    expect(await hover(at(text, '户籍人口基本信息', 1))).toBeNull();
  });

  it('completes keys, vocabulary values, code set names and workspace resource codes', async () => {
    session = await startSession({ root });
    const uri = uriOf('catalog/population.yaml');
    const base = read('catalog/population.yaml');
    const labels = async (text: string, position: { line: number; character: number }) => {
      session!.change(uri, text, Date.now());
      const items = (await session!.client.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position,
      })) as CompletionItem[];
      return items.map((i) => i.label);
    };
    session.open(uri, base);
    expect(await labels(base, at(base, 'type: conditional', 6))).toEqual([
      'unconditional',
      'conditional',
      'none',
    ]);
    const withRelated = `${base}related: [`;
    expect(await labels(withRelated, at(withRelated, 'related: [', 10))).toContain('307001030802/000003');
    const withKey = `${base}upd`;
    const keys = await labels(withKey, at(withKey, 'upd', 3));
    expect(keys).toContain('updateCycleNote');
    expect(keys).not.toContain('updateCycle');
    const inItem = base.replace('codeset: GB/T 2261.1', 'codeset: ');
    expect(await labels(inItem, at(inItem, 'codeset: ', 9))).toContain('GB/T 2261.1');
    const openKeys = base.replace('  type: none', '  type: none\n  ');
    const keysInOpen = await labels(openKeys, at(openKeys, '  type: none\n  ', '  type: none\n  '.length));
    expect(keysInOpen).toContain('condition');
    expect(keysInOpen).not.toContain('type');
    expect(keysInOpen).not.toContain('code');
  });

  it('completes `required` in an item, and its values true and false', async () => {
    session = await startSession({ root });
    const uri = uriOf('catalog/population.yaml');
    const base = read('catalog/population.yaml');
    const labels = async (text: string, position: { line: number; character: number }) => {
      session!.change(uri, text, Date.now());
      const items = (await session!.client.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position,
      })) as CompletionItem[];
      return items.map((i) => i.label);
    };
    session.open(uri, base);
    const item = '  - { name: 出生日期, key: csrq, type: D }';
    const keyText = base.replace(item, '  - name: 出生日期\n    key: csrq\n    type: D\n    req');
    expect(await labels(keyText, at(keyText, '    req', 7))).toContain('required');
    const valueText = base.replace(item, '  - name: 出生日期\n    key: csrq\n    type: D\n    required: ');
    expect(await labels(valueText, at(valueText, '    required: ', 14))).toEqual(['true', 'false']);
  });

  it('in a mapping: hovers a target code with its label and completes the code set of the target item', async () => {
    session = await startSession({ root, locale: 'zh-cn' });
    const uri = uriOf('mappings/population.mapping.yaml');
    const text = read('mappings/population.mapping.yaml');
    session.open(uri, text);
    const hover = (await session.client.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: at(text, '男: "1"', 5),
    })) as Hover | null;
    expect(hoverText(hover)).toContain('男性');
    expect(hoverText(hover)).toContain('GB/T 2261.1');
    const edited = text.replace('男: "1"', '男: ');
    session.change(uri, edited, 2);
    const codes = (await session.client.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: at(edited, '男: ', 3),
    })) as CompletionItem[];
    expect(codes.map((c) => `${c.label} ${c.detail}`)).toEqual([
      '0 未知的性别',
      '1 男性',
      '2 女性',
      '9 未说明的性别',
    ]);
    const resource = text.replace('resource: "307001030801/000012"', 'resource: ');
    session.change(uri, resource, 3);
    const resources = (await session.client.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: at(resource, 'resource: ', 10),
    })) as CompletionItem[];
    expect(resources.map((c) => c.label)).toContain('307001030801/000012');
    // `codes:` offers identity (the source already uses the national codes), and accepts it without a problem.
    const identity = text.replace(/codes: \{[^}\n]*\}/, 'codes: ');
    const empty = session.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'mapping/schema'));
    session.change(uri, identity, 4);
    const choices = (await session.client.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: at(identity, 'codes: ', 7),
    })) as CompletionItem[];
    expect(choices.map((c) => c.label)).toEqual(['identity']);
    await empty;
    // The empty value's problem may be published more than once: wait for the set without it.
    const accepted = session.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'mapping/schema'));
    session.change(uri, identity.replace('codes: ', 'codes: identity'), 5);
    expect((await accepted).map((d) => [d.code, d.message])).toEqual([]);
  });

  it('outlines the resource and its items', async () => {
    session = await startSession({ root });
    const uri = uriOf('catalog/population.yaml');
    session.open(uri, read('catalog/population.yaml'));
    const symbols = (await session.client.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols[0]?.name).toBe('户籍人口基本信息');
    expect(symbols[0]?.detail).toBe('307001030801/000012');
    const items = symbols[0]?.children?.find((c) => c.name === 'items');
    expect(items?.children?.map((c) => `${c.name} ${c.detail}`)).toEqual([
      '公民身份号码 gmsfhm · C',
      '姓名 xm · C',
      '性别 xb · C',
      '出生日期 csrq · D',
    ]);
  });

  it('outlines a mapping and its target fields with their source columns', async () => {
    session = await startSession({ root });
    const uri = uriOf('mappings/population.mapping.yaml');
    session.open(uri, read('mappings/population.mapping.yaml'));
    const symbols = (await session.client.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => `${s.name} ${s.detail}`)).toEqual(['307001030801/000012 FieldMapping']);
    expect(symbols[0]?.children?.map((c) => c.name)).toEqual([
      'apiVersion',
      'kind',
      'resource',
      'source',
      'key',
      'fields',
    ]);
    const fields = symbols[0]?.children?.find((c) => c.name === 'fields');
    expect(fields?.children?.map((c) => `${c.name} ${c.detail}`)).toEqual([
      'gmsfhm ← SFZH',
      'xm ← XM',
      'xb ← XB',
      'csrq ← CSRQ',
    ]);
    expect(fields?.children?.[1]?.range).toEqual({
      start: { line: 7, character: 2 },
      end: { line: 7, character: 48 },
    });
  });
});
