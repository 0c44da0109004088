import type { ConformanceCheck } from '../types';

export const readsChecks: ConformanceCheck[] = [];
