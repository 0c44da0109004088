/**
 * `@unsilo/sdk/mapping/jobs` — the mapping jobs any Node host runs (the CLI's `map run` and `map preview`, the
 * editor's preview and mapping diagnostics): they read sources and write files. The pure mapping engine is
 * `@unsilo/sdk/mapping`.
 */
export { type DiagnoseMappingRequest, diagnoseMapping } from './diagnose-mapping';
export { MappingJobError } from './job-error';
export { type InputRefusal, preflightInput } from './preflight';
export {
  type PreviewMappingRequest,
  type PreviewMappingResult,
  previewMapping,
} from './preview-mapping';
export { readerOptionsOf, type SampleSource, sampleFormatOf } from './read-sample';
export { type RunMappingCounts, type RunMappingFileOptions, runMappingFile } from './run-mapping-file';
export { duplicatesOf, type RunDuplicates, scanKeys } from './scan-keys';
