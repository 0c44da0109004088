import { describe, expect, it } from 'vitest';
import { lintWorkspace } from './engine';
import { catalogStats } from './report';
import { catalogFindings } from './report-findings';
import { renderFindingsSection, renderFixFirstSection, renderRuleTable } from './report-findings-html';
import { rules } from './rules/index';
import type { SourceFile } from './types';

/** An entry of `provider`; `publishedAt` and `summary` vary, `updateCycle` can be left out. */
function entry(options: {
  code: string;
  name: string;
  provider: [string, string];
  publishedAt?: string;
  summary?: string;
  updateCycle?: boolean;
}): string {
  return `apiVersion: unsilo/v1
kind: InformationResource
code: "${options.code}"
name: ${options.name}
provider:
  name: ${options.provider[0]}
  code: "${options.provider[1]}"
classification:
  class: department
  topic: 人口
summary: ${options.summary ?? '全市户籍人口的登记信息，包括公民身份号码、姓名、性别和户籍地址。'}
format: { class: database, type: oracle }
items:
  - { name: 公民身份号码, key: gmsfhm, type: C, length: 18 }
  - { name: 姓名, key: xm, type: C, length: 50 }
share:
  type: conditional
  condition: 仅用于户籍核验和公共服务办理，须经提供部门审批
  method: { class: platform, type: api }
open:
  type: none
${options.updateCycle === false ? '' : 'updateCycle: daily\n'}publishedAt: ${options.publishedAt ?? '2019-05-10'}
`;
}

const GONGAN: [string, string] = ['某市公安局', '113301000024820155'];
const MINZHENG: [string, string] = ['某市民政局', '11330100MB0000027E'];
const root = '/city/catalog';
const files: SourceFile[] = [
  // 民政: one warning only (summary too short).
  {
    path: `${root}/mz/a.yaml`,
    text: entry({ code: '307002010101/000001', name: '低保对象', provider: MINZHENG, summary: '低保' }),
  },
  // 公安: a date error on line 23, a warning, and a missing updateCycle (reported after the last line).
  {
    path: `${root}/ga/hj.yaml`,
    text: entry({
      code: '307001030101/000001',
      name: '户籍人口',
      provider: GONGAN,
      publishedAt: '2019年5月10日',
      summary: '户籍',
    }),
  },
  {
    path: `${root}/ga/ld.yaml`,
    text: entry({ code: '307001030101/000002', name: '流动人口', provider: GONGAN, updateCycle: false }),
  },
];
const result = lintWorkspace(files);
const stats = catalogStats(files, result);
const findings = catalogFindings(files, result, stats, { root });

describe('catalogFindings', () => {
  it('groups by department then resource, the department with errors first, paths relative to the folder', () => {
    expect(findings.departments.map((d) => [d.name, d.errors, d.warnings])).toEqual([
      ['某市公安局', 2, 1],
      ['某市民政局', 0, 1],
    ]);
    const [gongan] = findings.departments;
    expect(gongan?.resources.map((r) => [r.file, r.code, r.name])).toEqual([
      ['ga/hj.yaml', '307001030101/000001', '户籍人口'],
      ['ga/ld.yaml', '307001030101/000002', '流动人口'],
    ]);
  });

  it('gives each finding its file, line and field, errors before warnings', () => {
    const hj = findings.departments[0]?.resources[0];
    expect(hj?.findings.map((f) => [f.severity, f.rule, `${f.file}:${f.line}`, f.field])).toEqual([
      ['error', 'date/format', 'ga/hj.yaml:23', 'publishedAt'],
      ['warning', 'summary/too-short', 'ga/hj.yaml:11', 'summary'],
    ]);
    expect(hj?.findings[0]?.fix).toEqual({
      title: { zh: '改为 2019-05-10', en: 'Change to 2019-05-10' },
      automatic: true,
    });
  });

  it('names the missing field, at the end of the entry where it is added, not at the first key', () => {
    const ld = findings.departments[0]?.resources[1];
    // The entry without updateCycle has 22 lines: the finding is on the last, `publishedAt: 2019-05-10`.
    expect(ld?.findings.map((f) => [f.rule, f.line, f.field])).toEqual([
      ['schema/required', 22, 'updateCycle'],
    ]);
  });

  it('lists the rules that block registration with how many entries each', () => {
    expect(findings.blocking).toEqual([
      { rule: 'date/format', count: 1, entries: 1 },
      { rule: 'schema/required', count: 1, entries: 1 },
    ]);
  });

  it('names the departments with most errors, with their place in the list; none with warnings only', () => {
    expect(findings.mostErrors).toEqual([
      { name: '某市公安局', code: '113301000024820155', errors: 2, warnings: 1, index: 0 },
    ]);
  });

  it('names at most five departments with most errors, most first', () => {
    // Department n files n entries with a date error each: six departments, 1 to 6 errors.
    const codes = ['1R', '2W', '30', '43', '56', '69'].map((end) => `11330100MB000000${end}`);
    const many: SourceFile[] = [];
    for (let n = 1; n <= 6; n++)
      for (let i = 1; i <= n; i++)
        many.push({
          path: `${root}/d${n}/${i}.yaml`,
          text: entry({
            code: `30700${n}030101/00000${i}`,
            name: `资源${n}-${i}`,
            provider: [`第${n}局`, codes[n - 1]!],
            publishedAt: '2019/05/10',
          }),
        });
    const manyResult = lintWorkspace(many);
    const found = catalogFindings(many, manyResult, catalogStats(many, manyResult), { root });
    expect(found.mostErrors.map((d) => [d.name, d.errors, d.index])).toEqual([
      ['第6局', 6, 0],
      ['第5局', 5, 1],
      ['第4局', 4, 2],
      ['第3局', 3, 3],
      ['第2局', 2, 4],
    ]);
  });
});

describe('the findings sections', () => {
  it("lists a finding's file and line inside its department's group, errors before warnings", () => {
    const html = renderFindingsSection(findings, 'zh');
    const groups = html.split('<tbody class="dept"').slice(1);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toContain('data-department="某市公安局"');
    expect(groups[0]).toContain('ga/hj.yaml:23');
    expect(groups[1]).toContain('data-department="某市民政局"');
    expect(groups[1]).toContain('mz/a.yaml:11');
    expect(groups[1]).not.toContain('ga/hj.yaml');
    const hjRows = groups[0]?.match(/<tr class="finding (\w+)" data-rule="([^"]+)"/g) ?? [];
    expect(hjRows.slice(0, 3)).toEqual([
      '<tr class="finding error" data-rule="date/format"',
      '<tr class="finding warning" data-rule="summary/too-short"',
      '<tr class="finding error" data-rule="schema/required"',
    ]);
  });

  it('speaks Chinese with --lang zh and English with --lang en, the rule explained in full', () => {
    const dateRule = rules.find((rule) => rule.id === 'date/format')!;
    const zh = renderFixFirstSection(findings, 'zh') + renderFindingsSection(findings, 'zh');
    expect(zh).toContain('优先修正');
    expect(zh).toContain('问题清单');
    expect(zh).toContain('1 处错误，涉及 1 个条目');
    expect(zh).toContain(dateRule.description.zh);
    expect(zh).toContain('改为 2019-05-10');
    expect(zh).toContain('unsilo lint --fix 可自动修正');
    expect(zh).toContain('<a href="#findings-1">某市公安局</a>');
    expect(zh).not.toMatch(/Fix these first|Findings to fix|line \d|Change to/);
    const en = renderFixFirstSection(findings, 'en') + renderFindingsSection(findings, 'en');
    expect(en).toContain('Fix these first');
    expect(en).toContain('Findings to fix');
    expect(en).toContain('1 error in 1 entry');
    expect(en).toContain(dateRule.description.en);
    expect(en).toContain('Change to 2019-05-10');
    expect(en).not.toMatch(/优先修正|问题清单|修正方法|改为/);
  });

  it('explains every rule in full in the table by rule, never cut with "…"', () => {
    const html = renderRuleTable(stats, 'en');
    for (const { rule } of stats.byRule) {
      const description = rules.find((r) => r.id === rule)!.description.en;
      expect(html).toContain(
        description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'),
      );
    }
    expect(html).not.toContain('…</');
  });
});
