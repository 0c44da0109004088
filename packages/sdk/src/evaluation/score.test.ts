import { describe, expect, it } from 'vitest';
import { scoreDepartments } from './score';
import type { DepartmentFigures, DepartmentScore, ExchangeFigures } from './types';

const catalogueOnly: DepartmentFigures = {
  name: '某市民政局',
  code: '11330100MB0000027E',
  entries: 10,
  completeness: 0.9,
  errors: 2,
  noneShare: 0.2,
};
const exchange: ExchangeFigures = {
  resources: 5,
  staleResources: 1,
  records: 1000,
  rowRejectRate: 0.01,
  shareRequests: 3,
  medianTurnaroundHours: 504,
  conflicts: 5,
};

const componentScores = (department: DepartmentScore) =>
  Object.fromEntries(department.components.map((c) => [c.id, c.score]));

describe('scoreDepartments', () => {
  it('scores the catalogue components alone, the exchange ones not measured, weights re-normalised', () => {
    const [department] = scoreDepartments([catalogueOnly]).departments;
    expect(componentScores(department!)).toEqual({
      coverage: 100,
      completeness: 90,
      conformance: 80,
      freshness: null,
      rejects: null,
      turnaround: null,
      conflicts: null,
      sharing: 80,
    });
    // (20×100 + 20×90 + 10×80 + 10×80) ÷ (20 + 20 + 10 + 10)
    expect(department!.score).toBe(90);
    const freshness = department!.components.find((c) => c.id === 'freshness')!;
    expect(freshness).toMatchObject({ measured: false, value: null, weight: 15 });
    expect(freshness.note?.en).toBe('exchange not asked (--exchange)');
  });

  it('scores every component from the exchange figures by its formula', () => {
    const [department] = scoreDepartments([{ ...catalogueOnly, exchange }]).departments;
    expect(componentScores(department!)).toEqual({
      coverage: 100,
      completeness: 90,
      conformance: 80,
      freshness: 80, // 4 of 5 resources fresh
      rejects: 80, // 1 % against a 5 % limit
      turnaround: 50, // 504 h median: 1.5 × the 336 h target
      conflicts: 50, // 5 in 1,000 records: 0.5 % against a 1 % limit
      sharing: 80,
    });
    // (2000 + 1800 + 800 + 15×80 + 10×80 + 10×50 + 5×50 + 10×80) ÷ 100
    expect(department!.score).toBe(81.5);
    expect(department!.components.find((c) => c.id === 'turnaround')?.value).toBe(504);
  });

  it('applies configured weights and targets; weight 0 leaves a component out', () => {
    const weights = {
      coverage: 1,
      completeness: 1,
      conformance: 0,
      freshness: 2,
      rejects: 0,
      turnaround: 0,
      conflicts: 0,
      sharing: 0,
    };
    expect(scoreDepartments([catalogueOnly], weights).departments[0]!.score).toBe(95);
    expect(scoreDepartments([{ ...catalogueOnly, exchange }], weights).departments[0]!.score).toBe(87.5);
    const strict = scoreDepartments([{ ...catalogueOnly, exchange }], {}, { rowRejectRate: 0.02 });
    expect(strict.departments[0]!.components.find((c) => c.id === 'rejects')?.score).toBe(50);
    expect(strict.targets).toEqual({ rowRejectRate: 0.02, turnaroundHours: 336, conflictRate: 0.01 });
  });

  it('bounds turnaround: at or under the target 100, at twice the target or more 0', () => {
    const turnaround = (hours: number) =>
      scoreDepartments([
        { ...catalogueOnly, exchange: { ...exchange, medianTurnaroundHours: hours } },
      ]).departments[0]!.components.find((c) => c.id === 'turnaround')?.score;
    expect([turnaround(2), turnaround(336), turnaround(420), turnaround(672), turnaround(2000)]).toEqual([
      100, 100, 75, 0, 0,
    ]);
  });

  it('shares the city target among departments; a department that filed nothing scores 0 and comes last', () => {
    const none: DepartmentFigures = {
      name: '某市审计局',
      code: '',
      entries: 0,
      completeness: 0,
      errors: 0,
      noneShare: 0,
    };
    const small = {
      ...catalogueOnly,
      name: '某市公安局',
      entries: 5,
      errors: 0,
      noneShare: 0,
      completeness: 1,
    };
    const evaluation = scoreDepartments(
      [none, small, catalogueOnly, { ...none, name: '某市统计局' }],
      {},
      { entries: 100 },
    );
    expect(evaluation.entriesPerDepartment).toBe(25);
    expect(evaluation.departments.map((d) => [d.name, d.score])).toEqual([
      // coverage 5 ÷ 25 = 20: (20×20 + 20×100 + 10×100 + 10×100) ÷ 60
      ['某市公安局', 73.3],
      // coverage 10 ÷ 25 = 40: (20×40 + 20×90 + 10×80 + 10×80) ÷ 60
      ['某市民政局', 70],
      ['某市审计局', 0],
      ['某市统计局', 0],
    ]);
    const audit = evaluation.departments.find((d) => d.name === '某市审计局')!;
    expect(componentScores(audit)).toMatchObject({
      coverage: 0,
      completeness: 0,
      conformance: null,
      sharing: null,
    });
    expect(evaluation.city).toEqual({
      departments: 4,
      entries: 15,
      entriesTarget: 100,
      entriesRatio: 0.15,
      departmentsWithoutEntries: 2,
      score: 35.8, // (73.3 + 70 + 0 + 0) ÷ 4: every department counts once
    });
  });

  it('gives no score when no weighted component was measured', () => {
    const weights = { coverage: 0, completeness: 0, conformance: 0, sharing: 0 };
    const evaluation = scoreDepartments([catalogueOnly], weights);
    expect(evaluation.departments[0]!.score).toBeNull();
    expect(evaluation.city.score).toBeNull();
  });

  it('leaves rejects, turnaround and conflicts unmeasured when the exchange has no such figure', () => {
    const [department] = scoreDepartments([
      {
        ...catalogueOnly,
        exchange: {
          ...exchange,
          rowRejectRate: null,
          medianTurnaroundHours: null,
          conflicts: null,
          resources: 0,
        },
      },
    ]).departments;
    expect(department!.components.filter((c) => !c.measured).map((c) => [c.id, c.note?.en])).toEqual([
      ['freshness', 'none of its resources is on the exchange (or readable)'],
      ['rejects', 'no row pushed yet'],
      ['turnaround', 'no share request'],
      ['conflicts', 'the exchange reports no conflicts figure'],
    ]);
  });
});
