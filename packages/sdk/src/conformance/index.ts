export { expectEqual, expectProblemResponse, expectRefused } from './assert';
export { CredentialsError, credentialsFromSeed, readCredentialsFile } from './credentials';
export { type ConformanceOptions, conformanceChecks, runConformance } from './engine';
export * from './types';
