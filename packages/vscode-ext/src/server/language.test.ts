import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver/node';
import { fileUri, type LspSession, startSession } from './lsp-test-harness';
import { effectiveLang, normalizeSettings } from './settings';

// `unsilo.language` (auto | zh | en) over VS Code's display language: issue 20, "Editor" — Language.

const fixture = fileURLToPath(new URL('../../test/fixtures/workspace', import.meta.url));
const CHINESE = /[\u4e00-\u9fff]/;

let root: string;
let session: LspSession | undefined;
const uriOf = (relative: string) => fileUri(join(root, relative));
const dateOf = (diagnostics: Diagnostic[] | undefined) => diagnostics?.find((d) => d.code === 'date/format');
/** The date/format message of a publish ('' when there is none). */
const dateMessage = (diagnostics: Diagnostic[]) => String(dateOf(diagnostics)?.message ?? '');
/** What the test client answers to `workspace/configuration` (read again on every request). */
const configuration = (language: string) => ({ language, lint: { enable: true, debounceMs: 0 } });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'unsilo-lang-'));
  cpSync(fixture, root, { recursive: true });
});

afterEach(() => {
  session?.dispose();
  session = undefined;
  rmSync(root, { recursive: true, force: true });
});

describe('unsilo.language', () => {
  it('zh in an English VS Code: diagnostics, hovers and quick-fix titles are Chinese', async () => {
    session = await startSession({ root, locale: 'en', configuration: configuration('zh') });
    const uri = uriOf('catalog/faulty.yaml');
    const date = dateOf(session.diagnostics.get(uri));
    expect(date?.message).toMatch(CHINESE);
    expect(date?.message).toContain('2019-05-10');

    session.open(uri, readFileSync(join(root, 'catalog/faulty.yaml'), 'utf8'));
    await session.settled();
    const actions = (await session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: date!.range,
      context: { diagnostics: [date], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'date/format');
    expect(fix?.title).toMatch(CHINESE);

    const population = uriOf('catalog/population.yaml');
    const text = readFileSync(join(root, 'catalog/population.yaml'), 'utf8');
    session.open(population, text);
    const lines = text.slice(0, text.indexOf('code: "3070') + 1).split('\n');
    const hover = (await session.client.sendRequest('textDocument/hover', {
      textDocument: { uri: population },
      position: { line: lines.length - 1, character: lines.at(-1)!.length },
    })) as Hover | null;
    expect((hover?.contents as MarkupContent | undefined)?.value).toContain('规则:');
  });

  it('auto follows the display language', async () => {
    session = await startSession({ root, locale: 'en', configuration: configuration('auto') });
    expect(dateOf(session.diagnostics.get(uriOf('catalog/faulty.yaml')))?.message).not.toMatch(CHINESE);
    session.dispose();
    session = await startSession({ root, locale: 'zh-cn', configuration: configuration('auto') });
    expect(dateOf(session.diagnostics.get(uriOf('catalog/faulty.yaml')))?.message).toMatch(CHINESE);
  });

  it('en in a Chinese VS Code: diagnostics are English', async () => {
    session = await startSession({ root, locale: 'zh-cn', configuration: configuration('en') });
    const message = dateOf(session.diagnostics.get(uriOf('catalog/faulty.yaml')))?.message;
    expect(message).toContain('2019-05-10');
    expect(message).not.toMatch(CHINESE);
  });

  it('a change of the setting re-publishes the diagnostics in the new language, without a restart', async () => {
    const settings = configuration('auto');
    session = await startSession({ root, locale: 'en', configuration: settings });
    const uri = uriOf('catalog/faulty.yaml');
    expect(dateOf(session.diagnostics.get(uri))?.message).not.toMatch(CHINESE);
    settings.language = 'zh';
    const chinese = session.nextDiagnostics(uri, (d) => CHINESE.test(dateMessage(d)));
    await session.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(dateOf(await chinese)?.message).toContain('2019-05-10');
    settings.language = 'auto';
    const english = session.nextDiagnostics(
      uri,
      (d) => /2019/.test(dateMessage(d)) && !CHINESE.test(dateMessage(d)),
    );
    await session.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(dateOf(await english)?.message).toContain('2019-05-10');
  });

  it('reads the setting: zh and en as given, anything else is auto', () => {
    expect(normalizeSettings({ language: 'zh' }).language).toBe('zh');
    expect(normalizeSettings({ language: 'en' }).language).toBe('en');
    expect(normalizeSettings({ language: 'fr' }).language).toBe('auto');
    expect(normalizeSettings({}).language).toBe('auto');
    expect(effectiveLang('auto', 'zh-tw')).toBe('zh');
    expect(effectiveLang('zh', 'en-us')).toBe('zh');
    expect(effectiveLang('en', 'zh-cn')).toBe('en');
  });
});
