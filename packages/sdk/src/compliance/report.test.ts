import { describe, expect, it } from 'vitest';
import { ComplianceChecker } from './checker';
import { buildComplianceReport, displayTarget, formatComplianceSummary } from './report';
import { complianceReportHtml } from './report-html';
import { bearer, observed } from './test-fixtures';

function reportOf(...paths: string[]) {
  const checker = new ComplianceChecker();
  for (const path of paths) checker.observe(observed('GET', path, { headers: bearer('tok-very-secret') }));
  return buildComplianceReport({
    target: 'http://user:pw@127.0.0.1:7300/?k=v',
    startedAt: 0,
    endedAt: 1_000,
    requests: checker.requests(),
    findings: checker.findings(),
  });
}

describe('the compliance report', () => {
  it('counts requests per operation, severities, and is clean only without findings', () => {
    const clean = reportOf('/v1/health', '/v1/health');
    expect(clean).toMatchObject({ clean: true, errors: 0, warnings: 0, findings: [] });
    expect(clean.requests).toEqual({ total: 2, perOperation: { getHealth: 2 } });
    const dirty = reportOf('/v1/health?token=abc', '/v1/health?token=def');
    expect(dirty).toMatchObject({ clean: false, errors: 1 });
    expect(dirty.findings.map((f) => [f.rule, f.path, f.count])).toEqual([
      ['secrets/in-query', '/v1/health', 2],
    ]);
  });

  it('shows the target without credentials or query, and nothing secret anywhere', () => {
    const report = reportOf('/v1/health?password=hunter2');
    expect(report.target).toBe('http://127.0.0.1:7300');
    expect(displayTarget('not a url')).toBe('(invalid URL)');
    const all = JSON.stringify(report) + complianceReportHtml(report) + formatComplianceSummary(report, 'zh');
    for (const secret of ['hunter2', 'tok-very-secret', 'pw@', 'k=v']) expect(all).not.toContain(secret);
  });

  it('escapes what the application sent in the HTML page and loads nothing from outside', () => {
    const html = complianceReportHtml(reportOf('/v1/<script>alert(1)</script>'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/(src|href)=/);
  });

  it('prints one line per finding and a verdict in the chosen language', () => {
    const text = formatComplianceSummary(reportOf('/v1/unknown'), 'en');
    expect(text.split('\n')).toEqual([
      '1 requests forwarded to http://127.0.0.1:7300; 1 errors, 0 warnings',
      '  error contract/unknown-operation GET /v1/unknown ×1 — the contract has no operation GET /v1/unknown',
      'Not compliant ✗',
    ]);
  });
});
