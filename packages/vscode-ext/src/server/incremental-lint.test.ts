import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
// The very rule objects the server runs (`@unsilo/sdk/catalog` resolves to these sources in tests).
import type { RuleContext, WorkspaceRuleContext } from '../../../sdk/src/catalog/rule';
import { ruleDefinitions } from '../../../sdk/src/catalog/rules/index';
import { fileUri, type LspSession, startSession } from './lsp-test-harness';

const template = readFileSync(
  fileURLToPath(new URL('../../test/fixtures/workspace/catalog/population.yaml', import.meta.url)),
  'utf8',
);
// The authoritative item's name and key are both replaced: single source is decided by the data element the name
// or key resolves to, so files differing only in key would still share a claim.
const entry = (code: string, name: string, key: string, itemName = '公民身份号码') =>
  template
    .replace('307001030801/000012', code)
    .replace('户籍人口基本信息', name)
    .replace('gmsfhm', key)
    .replace('公民身份号码', itemName);

let root: string;
let session: LspSession | undefined;

afterEach(() => {
  vi.restoreAllMocks();
  session?.dispose();
  session = undefined;
  rmSync(root, { recursive: true, force: true });
});

describe('an edit in the editor', () => {
  it('runs the per-file rules on the edited file only, and the cross-file rules on the files sharing its code', async () => {
    root = mkdtempSync(join(tmpdir(), 'unsilo-incremental-'));
    mkdirSync(join(root, 'catalog'));
    // Five files declare one code (each names the other four); five more share no code, name, item key or element.
    for (let i = 1; i <= 5; i++) {
      writeFileSync(
        join(root, `catalog/same${i}.yaml`),
        entry('307001030801/000001', `同码资源${i}`, 'gmsfhm'),
      );
      writeFileSync(
        join(root, `catalog/alone${i}.yaml`),
        entry(`307001030801/00010${i}`, `独立资源${i}`, `k${i}`, `内部编号${i}`),
      );
    }
    session = await startSession({ root });
    const uri = fileUri(join(root, 'catalog/same1.yaml'));
    const text = readFileSync(join(root, 'catalog/same1.yaml'), 'utf8');
    session.open(uri, text);
    await session.settled();

    const summaryRule = ruleDefinitions.find((rule) => rule.id === 'summary/too-short')!;
    const duplicateRule = ruleDefinitions.find((rule) => rule.id === 'code/duplicate')!;
    const perFile = vi.spyOn(summaryRule, 'check');
    const crossFile = vi.spyOn(duplicateRule, 'check');
    const edited = session.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'schema/enum'));
    session.change(uri, text.replace('updateCycle: daily', 'updateCycle: 每日'), 2);
    await edited;
    await session.settled();

    expect(perFile.mock.calls.map(([context]) => (context as RuleContext).file.path)).toEqual([
      'catalog/same1.yaml',
    ]);
    expect(
      crossFile.mock.calls.map(([context]) => (context as WorkspaceRuleContext).self.path).sort(),
    ).toEqual([1, 2, 3, 4, 5].map((i) => `catalog/same${i}.yaml`));
    expect(session.diagnostics.get(uri)?.map((d) => d.code)).toEqual(['code/duplicate', 'schema/enum']);
    expect(session.diagnostics.get(fileUri(join(root, 'catalog/same2.yaml')))?.[0]?.message).toBe(
      'resource code "307001030801/000001" is also declared in catalog/same1.yaml, catalog/same3.yaml, catalog/same4.yaml …(+1)',
    );
  });
});
