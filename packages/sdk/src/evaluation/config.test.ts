import { describe, expect, it } from 'vitest';
import { parseEvaluationConfig } from './config';

const problemsOf = (text: string) =>
  parseEvaluationConfig(text).problems.map((p) => [p.range.start.line, p.message.en]);

describe('parseEvaluationConfig', () => {
  it('reads weights and targets, leaving the rest to the defaults', () => {
    const parsed = parseEvaluationConfig(
      'lint:\n  rules: {}\nevaluation:\n  weights: { coverage: 30, turnaround: 0 }\n  targets: { entries: 2800, rowRejectRate: 0.02 }\n',
    );
    expect(parsed).toEqual({
      weights: { coverage: 30, turnaround: 0 },
      targets: { entries: 2800, rowRejectRate: 0.02 },
      present: true,
      problems: [],
    });
  });

  it('leaves a config nested too deep to parseConfig to report', () => {
    expect(parseEvaluationConfig(`evaluation: ${'['.repeat(100_000)}`)).toEqual({
      weights: {},
      targets: {},
      present: false,
      problems: [],
    });
  });

  it('is absent without an evaluation section', () => {
    expect(parseEvaluationConfig('lint:\n  rules: {}\n')).toEqual({
      weights: {},
      targets: {},
      present: false,
      problems: [],
    });
  });

  it('refuses unknown components, weights that are not non-negative numbers, targets out of range', () => {
    const text = [
      'evaluation:',
      '  weights:',
      '    coverage: -1',
      '    speed: 10',
      '    freshness: "high"',
      '    __proto__: 5',
      '  targets:',
      '    rowRejectRate: 1.5',
      '    entries: 2800.5',
      '    turnaroundHours: 0',
      '    deadline: 3',
      '  weight: {}',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      [12, 'unknown key "weight" under evaluation (weights, targets)'],
      [3, 'the weight of "coverage" must be a non-negative number'],
      [
        4,
        'unknown component "speed" (coverage, completeness, conformance, freshness, rejects, turnaround, conflicts, sharing)',
      ],
      [5, 'the weight of "freshness" must be a non-negative number'],
      [
        6,
        'unknown component "__proto__" (coverage, completeness, conformance, freshness, rejects, turnaround, conflicts, sharing)',
      ],
      [8, 'the target "rowRejectRate" must be a number above 0 and at most 1'],
      [9, 'the target "entries" must be a positive integer'],
      [10, 'the target "turnaroundHours" must be a positive number'],
      [
        11,
        'unknown target "deadline" (entries, entriesPerDepartment, rowRejectRate, turnaroundHours, conflictRate)',
      ],
    ]);
    const zh = parseEvaluationConfig(text).problems.map((p) => p.message.zh);
    expect(zh[2]).toBe(
      '未知的评价指标「speed」（coverage, completeness, conformance, freshness, rejects, turnaround, conflicts, sharing）',
    );
    expect(parseEvaluationConfig(text).weights).toEqual({});
  });

  it('refuses weights that leave nothing to score, and sections that are not mappings', () => {
    const zero =
      'evaluation:\n  weights: { coverage: 0, completeness: 0, conformance: 0, freshness: 0, rejects: 0, turnaround: 0, conflicts: 0, sharing: 0 }\n';
    expect(problemsOf(zero)).toEqual([[2, 'every weight is 0: nothing to score']]);
    expect(problemsOf('evaluation: [1, 2]\n')).toEqual([[1, 'evaluation must be a mapping']]);
    expect(problemsOf('evaluation:\n  weights: 5\n')).toEqual([[2, 'evaluation.weights must be a mapping']]);
  });
});
