export { PublishError } from './errors';
export { diffFields, type FieldChange } from './field-diff';
export {
  type LocalEntry,
  type Plan,
  type PlanItem,
  planPublish,
  type RemoteEntry,
  type Transition,
  transitionsFrom,
} from './plan';
export {
  type PublishConflict,
  type PublishFailure,
  type PublishOptions,
  type PublishResult,
  type PublishStep,
  publishCatalog,
} from './publish-catalog';
export { readCatalogDirectory } from './read-workspace';
