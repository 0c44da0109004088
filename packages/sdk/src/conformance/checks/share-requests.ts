import type { ConformanceCheck } from '../types';

export const shareRequestsChecks: ConformanceCheck[] = [];
