/**
 * `@unsilo/sdk/evaluation`: the per-department score (考核评价) from the catalogue and, when asked, the exchange.
 * `scoreDepartments` is pure; `collectExchangeFigures` is the only part that talks to the exchange.
 */
export { type CatalogDepartment, catalogDepartments } from './catalog-figures';
export { COMPONENT_IDS, COMPONENT_LABELS, DEFAULT_TARGETS, DEFAULT_WEIGHTS } from './components';
export { type ParsedEvaluationConfig, parseEvaluationConfig } from './config';
export {
  type CollectedExchangeFigures,
  type CollectOptions,
  collectExchangeFigures,
  type DepartmentResources,
} from './exchange-figures';
export { entriesPerDepartment, scoreDepartments } from './score';
export type * from './types';
