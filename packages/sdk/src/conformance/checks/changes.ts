import type { ConformanceCheck } from '../types';

export const changesChecks: ConformanceCheck[] = [];
