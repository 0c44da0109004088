import type { ConformanceCheck } from '../types';

export const auditChecks: ConformanceCheck[] = [];
