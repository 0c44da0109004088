import type { FindingEvent } from './observed';
import { type ComplianceRuleId, type ComplianceSeverity, complianceRules } from './rules';

/** A finding as the report lists it: repeats of the same rule on the same operation and path are counted. */
export interface ComplianceFinding {
  rule: ComplianceRuleId;
  severity: ComplianceSeverity;
  title: { zh: string; en: string };
  message: { zh: string; en: string };
  operation?: string;
  method: string;
  /** The request path, without the query string. */
  path: string;
  /** When it happened first (ISO 8601). */
  at: string;
  count: number;
}

/** Collects finding events, merging repeats (same rule, operation, method, path and message). */
export class FindingsLog {
  readonly #byKey = new Map<string, ComplianceFinding>();

  add(event: FindingEvent): void {
    const key = JSON.stringify([event.rule, event.operation, event.method, event.path, event.message.en]);
    const known = this.#byKey.get(key);
    if (known) {
      known.count += 1;
      return;
    }
    const rule = complianceRules[event.rule];
    this.#byKey.set(key, {
      rule: event.rule,
      severity: rule.severity,
      title: { ...rule.title },
      message: { ...event.message },
      ...(event.operation ? { operation: event.operation } : {}),
      method: event.method,
      path: event.path,
      at: new Date(event.at).toISOString(),
      count: 1,
    });
  }

  list(): ComplianceFinding[] {
    return [...this.#byKey.values()].map((finding) => ({ ...finding }));
  }
}
