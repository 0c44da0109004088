import type { LocalizedText } from '../catalog/types';
import type { UnsiloConfig } from '../generated';

/** The `evaluation:` section of `unsilo.config.yaml`, as the contract defines it. */
export type EvaluationConfig = NonNullable<UnsiloConfig['evaluation']>;
/** Every component's weight, the defaults filled in. */
export type EvaluationWeights = Required<NonNullable<EvaluationConfig['weights']>>;
/** The targets the components are measured against; `entries` and `entriesPerDepartment` stay optional. */
export type EvaluationTargets = NonNullable<EvaluationConfig['targets']> &
  Required<
    Pick<NonNullable<EvaluationConfig['targets']>, 'rowRejectRate' | 'turnaroundHours' | 'conflictRate'>
  >;
export type ComponentId = keyof EvaluationWeights;

/** What the exchange says about one department's resources (`collectExchangeFigures`). */
export interface ExchangeFigures {
  /** The department's catalogue resources the exchange holds and lets the caller read the quality of. */
  resources: number;
  /** Of those, the ones with no push within their declared update cycle. */
  staleResources: number;
  /** Current records over those resources. */
  records: number;
  /** Rejected rows ÷ rows, over the resources (weighted by rows); null when no row was read or pushed. */
  rowRejectRate: number | null;
  /** Share requests to the department's resources that the caller can see. */
  shareRequests: number;
  /** Median hours from a request to its decision (a request still pending counts its age so far); null: none. */
  medianTurnaroundHours: number | null;
  /** Records in conflict with another source about the same subject; null when the exchange cannot say. */
  conflicts: number | null;
}

/** One department's figures, the input of `scoreDepartments`. */
export interface DepartmentFigures {
  name: string;
  /** 统一社会信用代码; empty when neither the roster nor the entries give one. */
  code: string;
  entries: number;
  /** Mean completeness of the department's entries, 0..1 (0 when it filed none). */
  completeness: number;
  /** Lint errors over the department's entries. */
  errors: number;
  /** Share of the entries marked 不予共享 (`share.type: none`), 0..1. */
  noneShare: number;
  /** Absent: the exchange was not asked (catalogue-only evaluation). */
  exchange?: ExchangeFigures;
}

export interface ComponentScore {
  id: ComponentId;
  /** False when the figure behind it is not known (no exchange, nothing pushed, no request…). */
  measured: boolean;
  /** 0..100, one decimal; null when not measured. */
  score: number | null;
  /** The figure the score comes from (a ratio, a count, hours), null when not measured. */
  value: number | null;
  weight: number;
  /** Why it is not measured. */
  note?: LocalizedText;
}

export interface DepartmentScore {
  name: string;
  code: string;
  entries: number;
  /** Weighted mean of the measured components, 0..100, one decimal; null when none was measured. */
  score: number | null;
  /** Every component, in the order of `COMPONENT_IDS`. */
  components: ComponentScore[];
}

export interface CityEvaluation {
  departments: number;
  entries: number;
  /** `targets.entries`, when set. */
  entriesTarget: number | null;
  /** entries ÷ entriesTarget, when a target is set. */
  entriesRatio: number | null;
  /** Departments that filed no entry. */
  departmentsWithoutEntries: number;
  /** Mean of the departments' scores (each department counts once), one decimal; null when none is scored. */
  score: number | null;
}

/** The evaluation as the report shows it and the city's dashboard reads it (`unsilo catalog evaluate --format json`). */
export interface Evaluation {
  weights: EvaluationWeights;
  targets: EvaluationTargets;
  /** The per-department entry target used for `coverage`. */
  entriesPerDepartment: number;
  city: CityEvaluation;
  /** Best score first; departments with no score last. */
  departments: DepartmentScore[];
}
