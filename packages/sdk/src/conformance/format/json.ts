import type { ConformanceReport } from '../types';

/** The report as it is, for machines: every result, the entries filed, the operations no check reached. */
export function formatJson(report: ConformanceReport): string {
  return JSON.stringify(report, null, 2);
}
