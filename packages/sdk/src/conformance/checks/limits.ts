import type { ConformanceCheck } from '../types';

export const limitsChecks: ConformanceCheck[] = [];
