import { describe, expect, it } from 'vitest';
import { lintWorkspace } from '../engine';
import { catalogStats } from '../report';
import { VALID_ENTRY, vary } from '../rules/testing';
import type { SourceFile } from '../types';
import { entryFacts } from './entry-facts';
import { parseGovernanceConfig } from './governance-config';
import { governanceReport } from './governance-report';
import { parseProject, projectGate } from './project-gate';

/** The valid entry (provider 某市公安局 11330100MB0000019K) with another code, name and extra lines. */
const entry = (path: string, code: string, name: string, extra = '', text = VALID_ENTRY): SourceFile => ({
  path,
  text: `${vary('name: 户籍人口基本信息', `name: ${name}`, vary('"307001030801/000012"', `"${code}"`, text))}${extra}`,
});
const files: SourceFile[] = [
  entry(
    'a.yaml',
    '307001030801/000001',
    '户籍人口',
    'system: ga-rk\nbusinessMatters: [{ code: S1, name: 户口迁移, kind: service }]\n',
  ),
  entry(
    'b.yaml',
    '307001030801/000002',
    '暂住人口',
    'system: ga-zz\n',
    vary('updateCycle: daily', '', vary(', source: authoritative }', ' }')),
  ),
  entry('c.yaml', '307001030801/000003', '无系统资源', '', vary(', source: authoritative }', ' }')),
  entry(
    'd.yaml',
    '307001030801/000004',
    '民政资源',
    'system: nowhere\nbusinessMatters: [婚姻登记]\n',
    // Another department, which is not the authoritative source of the ID number.
    vary(
      'name: 某市公安局',
      'name: 某市民政局',
      vary('"11330100MB0000019K"', '"11330100MB0000020Q"', vary(', source: authoritative }', ' }')),
    ),
  ),
];
const config = parseGovernanceConfig(
  [
    'departments:',
    '  - { name: 某市交通局 }',
    '  - { name: 某市公安局, code: 11330100MB0000019K }',
    '  - { name: 某市住建局 }',
    'systems:',
    '  - { id: ga-rk, name: 人口系统, connected: true, scope: 跨部门共享 }',
    '  - { id: ga-zz, name: 暂住系统, connected: false, scope: department }',
    '  - { id: jt-ys, name: 运输系统, scope: 单机运行 }',
    'services:',
    '  - { code: S1, name: 户口迁移, needs: [户籍人口, 公民身份号码, 不动产登记] }',
    '  - { code: S2, name: 婚姻登记 }',
    '  - { code: S3, name: 道路运输许可 }',
    'powers: { file: powers.csv }',
    '',
  ].join('\n'),
);
const stats = catalogStats(files, lintWorkspace(files));

describe('governance config', () => {
  it('reads lists written in the config and names the files of the others', () => {
    expect(config.problems).toEqual([]);
    expect(config.files).toEqual({ powers: 'powers.csv' });
    expect(config.governance.systems?.map((s) => s.scope)).toEqual([
      'cross-department',
      'department',
      'standalone',
    ]);
    const bad = parseGovernanceConfig('systems: { path: x.yaml }\nservices: 3\n');
    expect(bad.problems.map((p) => [p.code, p.range.start.line])).toEqual([
      ['config.list-file', 1],
      ['config.list-or-file', 2],
    ]);
  });
});

describe('governanceReport', () => {
  const report = governanceReport(files, stats, config.governance);

  it('names the departments that filed nothing first, matching by code, then by name', () => {
    expect(report.roster?.filedNothing).toEqual([{ name: '某市交通局' }, { name: '某市住建局' }]);
    expect(
      report.roster?.departments.map((d) => [d.name, d.entries, d.none, d.errors > 0, d.completeness < 1]),
    ).toEqual([
      ['某市交通局', 0, true, false, true],
      ['某市住建局', 0, true, false, true],
      ['某市公安局', 3, false, true, true],
    ]);
    expect(report.roster?.unlisted.map((p) => p.name)).toEqual(['某市民政局']);
  });

  it('lists systems without entries, not connected, entries without or with an unknown system, and scopes', () => {
    const systems = report.systems!;
    expect(systems.withoutEntries.map((s) => s.id)).toEqual(['jt-ys']);
    expect(systems.notConnected.map((s) => s.id)).toEqual(['ga-zz', 'jt-ys']);
    expect(systems.entriesWithoutSystem.map((e) => e.file)).toEqual(['c.yaml']);
    expect(systems.entriesWithUnknownSystem.map((e) => [e.file, e.system])).toEqual([['d.yaml', 'nowhere']]);
    expect(systems.scopes.filter((s) => s.count > 0).map((s) => [s.scope, s.count])).toEqual([
      ['cross-department', 1],
      ['department', 1],
      ['standalone', 1],
    ]);
    expect(systems.scopes[0]?.share).toBeCloseTo(1 / 3);
  });

  it('shows the demand side: needs no entry provides, matters no entry names (old texts by name)', () => {
    expect(report.matters?.unmetNeeds).toEqual([
      { code: 'S1', name: '户口迁移', kind: 'service', missing: ['不动产登记'] },
    ]);
    expect(report.matters?.unnamed.map((m) => m.code)).toEqual(['S3']);
    expect(entryFacts(files)[3]?.matters).toEqual([{ name: '婚姻登记' }]);
  });
});

describe('projectGate', () => {
  const registry = config.governance.systems!;
  const gate = (text: string) => projectGate(parseProject(text).project!, registry, entryFacts(files), stats);

  it('passes when every system has entries, all complete and error-free', () => {
    expect(gate('name: 人口项目\nsystems: [ga-rk]\n')).toMatchObject({ passed: true, findings: [] });
  });

  it('fails on an unknown system, a system without entries, an incomplete entry, naming each', () => {
    const result = gate('name: 大项目\nsystems: [ga-zz, jt-ys, xx]\n');
    expect(result.passed).toBe(false);
    expect(result.findings.map((f) => [f.code, f.system, f.entry?.file])).toEqual([
      ['gate.incomplete', 'ga-zz', 'b.yaml'],
      ['gate.errors', 'ga-zz', 'b.yaml'],
      ['gate.no-entries', 'jt-ys', undefined],
      ['gate.unknown-system', 'xx', undefined],
    ]);
    expect(result.findings[0]?.missing).toEqual(['updateCycle']);
  });

  it('refuses a project without a name or systems', () => {
    expect(parseProject('name: 项目\n').problems.map((p) => p.code)).toEqual(['project.incomplete']);
  });
});
