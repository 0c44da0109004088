import type { ConformanceReport } from '../types';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatPretty } from './pretty';

export { formatJson } from './json';
export { escapeXml, formatJunit } from './junit';
export { formatPretty, formatProgressLine } from './pretty';

/** The output formats of a conformance run, each `(report) => string`. */
export const conformanceFormatters = {
  pretty: formatPretty,
  json: formatJson,
  junit: formatJunit,
} as const satisfies Record<string, (report: ConformanceReport) => string>;

export type ConformanceFormat = keyof typeof conformanceFormatters;

export const isConformanceFormat = (name: string): name is ConformanceFormat =>
  Object.hasOwn(conformanceFormatters, name);
