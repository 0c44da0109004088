import { COMPONENT_IDS, DEFAULT_TARGETS, DEFAULT_WEIGHTS, FORMULAS } from './components';
import type {
  CityEvaluation,
  ComponentScore,
  DepartmentFigures,
  DepartmentScore,
  Evaluation,
  EvaluationTargets,
  EvaluationWeights,
} from './types';

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/**
 * The entry target of one department: `targets.entriesPerDepartment`, else the city's `targets.entries` shared
 * evenly among the departments (rounded up), else 1 — filing any entry covers the department.
 */
export function entriesPerDepartment(targets: EvaluationTargets, departments: number): number {
  if (targets.entriesPerDepartment) return targets.entriesPerDepartment;
  if (targets.entries && departments > 0) return Math.max(1, Math.ceil(targets.entries / departments));
  return 1;
}

function scoreDepartment(
  figures: DepartmentFigures,
  weights: EvaluationWeights,
  targets: EvaluationTargets,
  perDepartment: number,
): DepartmentScore {
  let weighted = 0;
  let measuredWeight = 0;
  const components = COMPONENT_IDS.map((id): ComponentScore => {
    const weight = weights[id];
    const measure = FORMULAS[id](figures, targets, perDepartment);
    if ('note' in measure)
      return { id, measured: false, score: null, value: null, weight, note: measure.note };
    weighted += weight * measure.score;
    measuredWeight += weight;
    return { id, measured: true, score: oneDecimal(measure.score), value: measure.value, weight };
  });
  return {
    name: figures.name,
    code: figures.code,
    entries: figures.entries,
    // The weights are re-normalised over the components measured: a missing figure neither counts as 0 nor as 100.
    score: measuredWeight > 0 ? oneDecimal(weighted / measuredWeight) : null,
    components,
  };
}

function cityOf(departments: readonly DepartmentScore[], targets: EvaluationTargets): CityEvaluation {
  const entries = departments.reduce((n, d) => n + d.entries, 0);
  const scored = departments.filter((d) => d.score !== null).map((d) => d.score as number);
  return {
    departments: departments.length,
    entries,
    entriesTarget: targets.entries ?? null,
    entriesRatio: targets.entries ? entries / targets.entries : null,
    departmentsWithoutEntries: departments.filter((d) => d.entries === 0).length,
    score: scored.length ? oneDecimal(scored.reduce((a, b) => a + b, 0) / scored.length) : null,
  };
}

/**
 * Scores each department 0..100 from its catalogue figures and, when given, its exchange figures. Pure: the same
 * input gives the same scores. Weights and targets not given take their defaults (`DEFAULT_WEIGHTS`,
 * `DEFAULT_TARGETS`); validate a city's own with `parseEvaluationConfig` first.
 */
export function scoreDepartments(
  input: readonly DepartmentFigures[],
  weights: Partial<EvaluationWeights> = {},
  targets: Partial<EvaluationTargets> = {},
): Evaluation {
  const fullWeights: EvaluationWeights = { ...DEFAULT_WEIGHTS, ...weights };
  const fullTargets: EvaluationTargets = { ...DEFAULT_TARGETS, ...targets };
  const perDepartment = entriesPerDepartment(fullTargets, input.length);
  const departments = input
    .map((figures) => scoreDepartment(figures, fullWeights, fullTargets, perDepartment))
    .sort(
      (a, b) =>
        (b.score ?? -1) - (a.score ?? -1) || b.entries - a.entries || a.name.localeCompare(b.name, 'zh'),
    );
  return {
    weights: fullWeights,
    targets: fullTargets,
    entriesPerDepartment: perDepartment,
    city: cityOf(departments, fullTargets),
    departments,
  };
}
