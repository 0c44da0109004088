/**
 * `@unsilo/sdk/publish` (Node): puts a department's catalogue folder on the exchange — lint every entry, plan
 * against the exchange (create, change, unchanged; a resource without a file is kept, or withdrawn with `prune`),
 * apply with If-Match and carry each entry through submit → register → publish. What `unsilo publish` and the editor's Publish run.
 */

export { PublishError } from './errors';
export { diffFields, type FieldChange } from './field-diff';
export {
  type LocalEntry,
  type Plan,
  type PlanItem,
  type PlanOptions,
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
  type WithdrawalItem,
} from './publish-catalog';
export { readCatalogDirectory } from './read-workspace';
