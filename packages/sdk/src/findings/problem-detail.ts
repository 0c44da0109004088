import type { Diagnostic } from '../catalog/types';
import type { Finding } from './finding';

/**
 * A catalogue lint diagnostic as a problem detail: the rule, the severity, both messages, and where it points —
 * its `path` when the entry was linted as a value (JSON sent to the exchange has no text to point into), else
 * its text `range`.
 */
export function toProblemDetailItem(diagnostic: Diagnostic): Finding {
  return {
    rule: diagnostic.rule,
    severity: diagnostic.severity,
    ...(diagnostic.path !== undefined ? { path: diagnostic.path } : {}),
    message: diagnostic.message.en,
    zh: diagnostic.message.zh,
    ...(diagnostic.path === undefined ? { range: diagnostic.range } : {}),
  };
}
