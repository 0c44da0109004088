import type { ComplianceFinding } from './findings-log';

/**
 * The compliance report a vendor hands to the city: what the proxy forwarded where, per operation, and every
 * rule the application broke. It never holds a token, a secret, an Authorization header, a query value or a body.
 */
export interface ComplianceReport {
  tool: 'unsilo proxy --check';
  /** The exchange the proxy forwarded to (origin and path only; credentials in the URL are dropped). */
  target: string;
  startedAt: string;
  endedAt: string;
  requests: { total: number; perOperation: Record<string, number> };
  findings: ComplianceFinding[];
  /** No finding at all. */
  clean: boolean;
  /** Findings of severity error (they fail `unsilo proxy --check`). */
  errors: number;
  warnings: number;
}

/** A target URL fit for a report: no user, password, query or fragment. */
export function displayTarget(target: string): string {
  try {
    const url = new URL(target);
    return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export function buildComplianceReport(input: {
  target: string;
  startedAt: number;
  endedAt: number;
  requests: ComplianceReport['requests'];
  findings: ComplianceFinding[];
}): ComplianceReport {
  const findings = [...input.findings].sort(
    (a, b) => a.at.localeCompare(b.at) || a.rule.localeCompare(b.rule),
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    tool: 'unsilo proxy --check',
    target: displayTarget(input.target),
    startedAt: new Date(input.startedAt).toISOString(),
    endedAt: new Date(input.endedAt).toISOString(),
    requests: input.requests,
    findings,
    clean: findings.length === 0,
    errors,
    warnings: findings.length - errors,
  };
}

/** One line per finding and a verdict, in one language, for a terminal. */
export function formatComplianceSummary(report: ComplianceReport, lang: 'zh' | 'en'): string {
  const lines = [
    lang === 'zh'
      ? `共转发 ${report.requests.total} 个请求至 ${report.target}；错误 ${report.errors}，警告 ${report.warnings}`
      : `${report.requests.total} requests forwarded to ${report.target}; ${report.errors} errors, ${report.warnings} warnings`,
  ];
  for (const f of report.findings) {
    lines.push(`  ${f.severity} ${f.rule} ${f.method} ${f.path} ×${f.count} — ${f.message[lang]}`);
  }
  lines.push(
    report.clean
      ? lang === 'zh'
        ? '符合接口规范 ✓'
        : 'Compliant ✓'
      : lang === 'zh'
        ? '存在不符合项 ✗'
        : 'Not compliant ✗',
  );
  return lines.join('\n');
}
