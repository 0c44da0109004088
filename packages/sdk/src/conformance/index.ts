export { expectContractAnswer, expectEqual, expectProblemResponse, expectRefused } from './assert';
export { conformanceChecks } from './checks';
export {
  type CodeRange,
  CodeRangeError,
  DEFAULT_CODE_RANGE,
  formatCode,
  inRange,
  parseCodeRange,
} from './code-range';
export { CredentialsError, credentialsFromSeed, readCredentialsFile } from './credentials';
export { type ConformanceOptions, runConformance } from './engine';
export { conformanceEntry, conformanceRecords, type ShareType } from './fixtures/entry';
export * from './format';
export * from './types';
