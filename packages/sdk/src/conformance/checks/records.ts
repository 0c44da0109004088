import type { ConformanceCheck } from '../types';

export const recordsChecks: ConformanceCheck[] = [];
