import type { ConformanceCheck } from '../types';

export const lifecycleChecks: ConformanceCheck[] = [];
