import type { ConformanceCheck } from '../types';

export const idempotencyChecks: ConformanceCheck[] = [];
