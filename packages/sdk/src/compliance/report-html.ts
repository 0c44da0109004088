import { escapeHtml } from '../html/escape-html';
import type { ComplianceReport } from './report';
import { complianceRules } from './rules';

const style = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
.error{color:#b00020}.warning{color:#8a6d00}.clean{color:#1b7f3b}code{font-size:.9em}`;

const e = (value: unknown) => escapeHtml(String(value));

function findingsTable(report: ComplianceReport): string {
  if (report.findings.length === 0) return '<p class="clean">没有发现不符合项 / No findings.</p>';
  const rows = report.findings.map(
    (f) =>
      `<tr><td class="${e(f.severity)}">${e(f.severity)}</td><td><code>${e(f.rule)}</code><br>${e(f.title.zh)}<br>${e(f.title.en)}</td>` +
      `<td>${e(f.operation ?? '')}</td><td><code>${e(f.method)} ${e(f.path)}</code></td>` +
      `<td>${e(f.message.zh)}<br>${e(f.message.en)}</td><td>${e(f.at)}</td><td>${e(f.count)}</td></tr>`,
  );
  return (
    '<table><thead><tr><th>级别 / Severity</th><th>规则 / Rule</th><th>接口 / Operation</th><th>请求 / Request</th>' +
    `<th>说明 / Message</th><th>首次 / First seen</th><th>次数 / Count</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function operationsTable(report: ComplianceReport): string {
  const rows = Object.entries(report.requests.perOperation).map(
    ([operation, count]) => `<tr><td><code>${e(operation)}</code></td><td>${e(count)}</td></tr>`,
  );
  return `<table><thead><tr><th>接口 / Operation</th><th>请求数 / Requests</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function rulesTable(): string {
  const rows = Object.values(complianceRules).map(
    (r) =>
      `<tr><td><code>${e(r.id)}</code></td><td>${e(r.severity)}</td><td>${e(r.title.zh)}<br>${e(r.title.en)}</td></tr>`,
  );
  return `<table><thead><tr><th>规则 / Rule</th><th>级别 / Severity</th><th>检查内容 / What</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The report as one standalone HTML page: every value escaped, no script, no external asset. */
export function complianceReportHtml(report: ComplianceReport): string {
  const verdict = report.clean
    ? '<p class="clean">符合接口规范 / Compliant</p>'
    : `<p class="error">存在不符合项 / Not compliant: ${e(report.errors)} 错误 / errors, ${e(report.warnings)} 警告 / warnings</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>接口合规报告 / Compliance report</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${style}</style></head><body>
<h1>接口合规报告 / Compliance report</h1>
<p>目标 / Target: <code>${e(report.target)}</code><br>开始 / Started: ${e(report.startedAt)}<br>结束 / Ended: ${e(report.endedAt)}<br>请求 / Requests: ${e(report.requests.total)}</p>
${verdict}
<h2>不符合项 / Findings</h2>
${findingsTable(report)}
<h2>各接口请求数 / Requests per operation</h2>
${operationsTable(report)}
<h2>检查的规则 / Rules checked</h2>
${rulesTable()}
<p>由 unsilo proxy --check 生成 / Written by unsilo proxy --check</p>
</body></html>
`;
}
