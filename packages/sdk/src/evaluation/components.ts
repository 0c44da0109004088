import type { LocalizedText } from '../catalog/types';
import type { ComponentId, DepartmentFigures, EvaluationTargets, EvaluationWeights } from './types';

/** The components in the order the report and the dashboard show them. */
export const COMPONENT_IDS: readonly ComponentId[] = [
  'coverage',
  'completeness',
  'conformance',
  'freshness',
  'rejects',
  'turnaround',
  'conflicts',
  'sharing',
];

/** Sum 100, so that each weight reads as a percentage of the score. */
export const DEFAULT_WEIGHTS: Readonly<EvaluationWeights> = Object.freeze({
  coverage: 20,
  completeness: 20,
  conformance: 10,
  freshness: 15,
  rejects: 10,
  turnaround: 10,
  conflicts: 5,
  sharing: 10,
});

/**
 * `turnaroundHours`: 《政务信息资源共享管理暂行办法》(国发〔2016〕51号) gives a provider 10 working days to answer a
 * conditional share request — two calendar weeks, 336 hours.
 */
export const DEFAULT_TARGETS: Readonly<EvaluationTargets> = Object.freeze({
  rowRejectRate: 0.05,
  turnaroundHours: 336,
  conflictRate: 0.01,
});

export const COMPONENT_LABELS: Readonly<Record<ComponentId, LocalizedText>> = Object.freeze({
  coverage: { zh: '目录覆盖', en: 'Coverage' },
  completeness: { zh: '目录完整度', en: 'Completeness' },
  conformance: { zh: '目录合规', en: 'Conformance' },
  freshness: { zh: '数据及时性', en: 'Freshness' },
  rejects: { zh: '数据拒收', en: 'Rejects' },
  turnaround: { zh: '申请答复', en: 'Turnaround' },
  conflicts: { zh: '多源一致', en: 'Conflicts' },
  sharing: { zh: '共享程度', en: 'Sharing' },
});

/** A component's score before weighting: the figure it comes from, or why there is none. */
export type Measure = { score: number; value: number } | { note: LocalizedText };

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
/** 100 at 0, falling linearly to 0 at `limit` and beyond. */
const belowLimit = (value: number, limit: number) => 100 * (1 - clamp01(value / limit));

const NO_EXCHANGE: LocalizedText = {
  zh: '未查询交换平台（--exchange）',
  en: 'exchange not asked (--exchange)',
};
const NO_ENTRIES: LocalizedText = { zh: '无目录条目', en: 'no catalogue entry' };
const NOT_ON_EXCHANGE: LocalizedText = {
  zh: '交换平台上没有该部门可读的资源',
  en: 'none of its resources is on the exchange (or readable)',
};

type Formula = (figures: DepartmentFigures, targets: EvaluationTargets, perDepartment: number) => Measure;

/**
 * The formulas, each giving 0..100 (docs/evaluation.md states them for readers):
 * - coverage = 100 × min(1, entries ÷ entries target per department)
 * - completeness = 100 × mean completeness of the entries (0 for a department that filed nothing)
 * - conformance = 100 × (1 − min(1, lint errors ÷ entries))
 * - freshness = 100 × (resources on the exchange − stale ones) ÷ resources on the exchange
 * - rejects = 100 × (1 − min(1, row reject rate ÷ targets.rowRejectRate))
 * - turnaround = 100 × clamp(2 − median hours ÷ targets.turnaroundHours, 0, 1)
 * - conflicts = 100 × (1 − min(1, (conflicts ÷ records) ÷ targets.conflictRate))
 * - sharing = 100 × (1 − share of entries marked 不予共享)
 */
export const FORMULAS: Readonly<Record<ComponentId, Formula>> = Object.freeze({
  coverage: (f, _t, perDepartment) => ({
    score: 100 * Math.min(1, f.entries / perDepartment),
    value: f.entries,
  }),
  completeness: (f) => ({ score: 100 * clamp01(f.completeness), value: f.completeness }),
  conformance: (f) =>
    f.entries === 0 ? { note: NO_ENTRIES } : { score: belowLimit(f.errors, f.entries), value: f.errors },
  freshness: (f) => {
    if (!f.exchange) return { note: NO_EXCHANGE };
    const { resources, staleResources } = f.exchange;
    if (resources === 0) return { note: NOT_ON_EXCHANGE };
    return { score: (100 * (resources - staleResources)) / resources, value: staleResources };
  },
  rejects: (f, t) => {
    if (!f.exchange) return { note: NO_EXCHANGE };
    const rate = f.exchange.rowRejectRate;
    if (rate === null) return { note: { zh: '尚未推送数据', en: 'no row pushed yet' } };
    return { score: belowLimit(rate, t.rowRejectRate), value: rate };
  },
  turnaround: (f, t) => {
    if (!f.exchange) return { note: NO_EXCHANGE };
    const hours = f.exchange.medianTurnaroundHours;
    if (hours === null) return { note: { zh: '没有共享申请', en: 'no share request' } };
    return { score: 100 * clamp01(2 - hours / t.turnaroundHours), value: hours };
  },
  conflicts: (f, t) => {
    if (!f.exchange) return { note: NO_EXCHANGE };
    const { conflicts, records } = f.exchange;
    if (conflicts === null)
      return { note: { zh: '交换平台未提供冲突数据', en: 'the exchange reports no conflicts figure' } };
    if (records === 0) return { note: { zh: '交换平台上没有记录', en: 'no record on the exchange' } };
    return { score: belowLimit(conflicts / records, t.conflictRate), value: conflicts };
  },
  sharing: (f) =>
    f.entries === 0 ? { note: NO_ENTRIES } : { score: 100 * (1 - clamp01(f.noneShare)), value: f.noneShare },
});
