import type { ConformanceCheck } from '../types';

export const hmacChecks: ConformanceCheck[] = [];
