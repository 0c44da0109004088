import type { ConformanceCheck } from '../types';

export const accessChecks: ConformanceCheck[] = [];
