import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver/node';
import { fileUri, type LspSession, startSession } from './lsp-test-harness';
import { locate } from './yaml-cursor';

// Issue 20, "Editor": findings where they belong, messages that name the value, a quick fix on each finding's
// line, hovers that say what an item stands for and say each thing once.

const fixture = fileURLToPath(new URL('../../test/fixtures/workspace', import.meta.url));

let root: string;
let session: LspSession | undefined;
const uriOf = (relative: string) => fileUri(join(root, relative));
const read = (relative: string) => readFileSync(join(root, relative), 'utf8');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'unsilo-editor-'));
  cpSync(fixture, root, { recursive: true });
});

afterEach(() => {
  session?.dispose();
  session = undefined;
  rmSync(root, { recursive: true, force: true });
});

/** 0-based line and character of an offset of `text`. */
function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/** The position of `needle` (plus `delta`) in `text`. */
function positionOf(text: string, needle: string, delta = 0) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`no ${needle}`);
  return positionAt(text, offset + delta);
}

/** Opens population.yaml edited by `edit` and returns the diagnostics published for it. */
async function lintEdited(edit: (text: string) => string, accept: (d: Diagnostic[]) => boolean) {
  const uri = uriOf('catalog/population.yaml');
  const text = edit(read('catalog/population.yaml'));
  const next = session!.nextDiagnostics(uri, accept);
  session!.open(uri, text);
  return { uri, text, diagnostics: await next };
}

const required = (d: Diagnostic[]) => d.find((x) => x.code === 'schema/required');

describe('a missing required field', () => {
  it('is reported after the last line of the entry, where it is added, naming the field first', async () => {
    session = await startSession({ root });
    const { text, diagnostics } = await lintEdited(
      (t) => t.replace('updateCycle: daily\n', ''),
      (d) => required(d) !== undefined,
    );
    const missing = required(diagnostics)!;
    const lines = text.trimEnd().split('\n');
    // Not 0:0 (`apiVersion`, which is right): a zero-width mark after `publishedAt: 2019-05-10`.
    const end = { line: lines.length - 1, character: lines.at(-1)!.length };
    expect(missing.range).toEqual({ start: end, end });
    expect(missing.message).toBe('`updateCycle` is missing: Update cycle is required');
  });

  it('under a key is reported on that key', async () => {
    session = await startSession({ root, locale: 'zh-cn' });
    const { text, diagnostics } = await lintEdited(
      (t) => t.replace('  code: "11330100MB0000019K"\n', ''),
      (d) => required(d) !== undefined,
    );
    const provider = positionOf(text, 'provider:');
    expect(required(diagnostics)!.range).toEqual({
      start: provider,
      end: { line: provider.line, character: 'provider'.length },
    });
    expect(required(diagnostics)!.message).toBe('缺少必填字段 `provider.code`：信息资源提供方代码必须填写');
  });
});

describe('messages name what is wrong in the value', () => {
  it('month 13 and day 45 of a date, in the language asked for', async () => {
    session = await startSession({
      root,
      configuration: { language: 'zh', lint: { enable: true, debounceMs: 0 } },
    });
    const { diagnostics } = await lintEdited(
      (t) => t.replace('publishedAt: 2019-05-10', 'publishedAt: 2024-13-45'),
      (d) => d.some((x) => x.code === 'date/format'),
    );
    expect(diagnostics.find((d) => d.code === 'date/format')?.message).toBe(
      '发布日期「2024-13-45」不是真实存在的日期：没有 13 月（月份为 01–12）；没有 45 日（每月最多 31 日）',
    );
  });
});

describe('quick fixes on a finding’s line', () => {
  const codeActions = (uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[]) =>
    session!.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics },
    }) as Promise<CodeAction[]>;

  it('offers the date’s own fix with the cursor anywhere on its line, and fix-all still', async () => {
    session = await startSession({ root });
    const uri = uriOf('catalog/faulty.yaml');
    const text = read('catalog/faulty.yaml');
    session.open(uri, text);
    await session.settled();
    const date = session.diagnostics.get(uri)!.find((d) => d.code === 'date/format')!;
    const line = positionOf(text, 'publishedAt:').line;
    expect(date.range.start).toEqual({ line, character: 'publishedAt: '.length });
    // What VS Code asks with the cursor at the start of the line: an empty range, no diagnostic under it.
    const cursor = { start: { line, character: 0 }, end: { line, character: 0 } };
    const atCursor = await codeActions(uri, cursor, []);
    const own = atCursor.filter((a) => a.diagnostics?.[0]?.code === 'date/format');
    expect(own.map((a) => [a.title, a.edit?.changes?.[uri]])).toEqual([
      ['Change to 2019-05-10', [{ range: date.range, newText: '2019-05-10' }]],
    ]);
    // faulty.yaml's automatic fixes: the name's trailing space, GBT 2261.1, 有条件共享, 每月 and the date.
    expect(atCursor.map((a) => a.title)).toEqual([
      'Change to 2019-05-10',
      'Fix all auto-fixable problems in this file (5)',
    ]);
    // The line's range with the diagnostic in context: the same fix.
    const whole = { start: { line, character: 0 }, end: { line, character: text.split('\n')[line]!.length } };
    const onLine = await codeActions(uri, whole, [date]);
    expect(onLine.filter((a) => a.diagnostics?.[0]?.code === 'date/format').map((a) => a.title)).toEqual([
      'Change to 2019-05-10',
    ]);
    // Another line offers another finding's fix, not the date's.
    const enumLine = positionOf(text, 'updateCycle:').line;
    const other = await codeActions(
      uri,
      { start: { line: enumLine, character: 0 }, end: { line: enumLine, character: 0 } },
      [],
    );
    expect(other.filter((a) => a.diagnostics).map((a) => a.diagnostics?.[0]?.code)).toEqual(['schema/enum']);
  });

  it('offers the placeholder of a missing field on the line it is reported on', async () => {
    session = await startSession({ root });
    const { uri, diagnostics } = await lintEdited(
      (t) => t.replace('updateCycle: daily\n', ''),
      (d) => required(d) !== undefined,
    );
    const line = required(diagnostics)!.range.start.line;
    const actions = await codeActions(
      uri,
      { start: { line, character: 0 }, end: { line, character: 0 } },
      [],
    );
    expect(actions.filter((a) => a.diagnostics).map((a) => a.title)).toEqual([
      'Insert a placeholder for updateCycle',
    ]);
  });
});

describe('hover', () => {
  const hoverText = async (uri: string, position: { line: number; character: number }) => {
    const hover = (await session!.client.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position,
    })) as Hover | null;
    return hover ? (hover.contents as MarkupContent).value : '';
  };

  it('on an item’s key or name shows the data element it stands for', async () => {
    session = await startSession({ root, locale: 'zh-cn' });
    const uri = uriOf('catalog/population.yaml');
    const text = read('catalog/population.yaml');
    session.open(uri, text);
    const key = await hoverText(uri, positionOf(text, 'gmsfhm', 2));
    expect(key).toContain('**公民身份号码** · citizen identity number — 数据元 `person.id-number`');
    expect(key).toContain('数据类型 C · 长度 18 · 校验 `idcard`');
    expect(key).toContain('可加 `element: person.id-number`');
    const name = await hoverText(uri, positionOf(text, '性别, key', 1));
    expect(name).toContain('**性别** · sex — 数据元 `person.sex`');
    expect(name).toContain('代码集 GB/T 2261.1');
    // On the `key:` key itself: the field, then the element.
    const field = await hoverText(uri, positionOf(text, 'key: xm', 1));
    expect(field).toMatch(/^\*\*字段标识\*\* · Item key[\s\S]*\*\*姓名\*\* · name — 数据元 `person.name`/);
    // A resource name is no item: no element.
    expect(await hoverText(uri, positionOf(text, '户籍人口基本信息', 1))).toBe('');
  });

  it('never says the same sentence twice, in either language', async () => {
    for (const language of ['zh', 'en']) {
      session = await startSession({
        root,
        configuration: { language, lint: { enable: true, debounceMs: 0 } },
      });
      for (const file of ['catalog/population.yaml', 'mappings/population.mapping.yaml']) {
        const uri = uriOf(file);
        const text = read(file);
        session.open(uri, text);
        const seen = new Set<string>();
        for (let offset = 0; offset < text.length; offset++) {
          const at = locate(text, offset);
          const id = `${JSON.stringify(at?.path)} ${at?.on}`;
          if (!at?.scalar || seen.has(id)) continue;
          seen.add(id);
          const value = await hoverText(uri, positionAt(text, offset));
          expect(repeats(value), `${language} ${file} ${id}: ${value}`).toEqual([]);
        }
      }
      session.dispose();
      session = undefined;
    }
  });
});

/** Sentences of a hover said twice, or said again after its title; compared without markup, case and stops. */
function repeats(hover: string): string[] {
  const normal = (s: string) =>
    s
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/[*`[\]\s。.；;：:，,（）()]/g, '')
      .toLowerCase();
  const [title = '', ...rest] = hover.split('\n\n');
  const sentences = rest.flatMap((block) => block.split(/(?<=[。；;])|(?<=\.)\s/)).map(normal);
  const found: string[] = [];
  sentences.forEach((sentence, i) => {
    if (sentence.length < 3) return;
    if (sentences.indexOf(sentence) !== i || normal(title).includes(sentence)) found.push(sentence);
  });
  return found;
}
