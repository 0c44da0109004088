import type { ConformanceCheck } from '../types';

export const receiptsChecks: ConformanceCheck[] = [];
