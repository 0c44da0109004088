import type { CheckResult, ConformanceReport } from '../types';

const mark = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

// A reason quotes what the exchange answered: control characters (escape sequences among them) are dropped so an
// answer cannot move the cursor or recolour the terminal.
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');

const titleOf = (result: CheckResult) => printable(`${result.title.zh} / ${result.title.en}`);
const reasonOf = (result: CheckResult) =>
  result.reason === undefined ? undefined : printable(result.reason);

/** One line per check as it finishes, for progress while the run goes on. */
export function formatProgressLine(result: CheckResult): string {
  const reason = result.reason === undefined ? '' : `\n      ${reasonOf(result)}`;
  return `${mark[result.outcome]}  ${result.id}  ${titleOf(result)}${reason}`;
}

/**
 * The table of every check: id, outcome and milliseconds in aligned columns (plain ASCII), the zh/en title last so
 * wide characters cannot break the alignment; a reason goes on the line below its check.
 */
function resultTable(results: readonly CheckResult[]): string[] {
  const header = ['id', 'outcome', 'ms'];
  const rows = results.map((r) => [r.id, mark[r.outcome], String(r.ms)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const cells = (row: string[]) =>
    row.map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)));
  const indent = ' '.repeat(widths.reduce((sum, w) => sum + w + 2, 0));
  const lines = [[...cells(header), '标题 / title'].join('  ')];
  results.forEach((result, index) => {
    lines.push([...cells(rows[index]!), titleOf(result)].join('  '));
    const reason = reasonOf(result);
    if (reason !== undefined) lines.push(`${indent}${reason.split('\n').join(`\n${indent}`)}`);
  });
  return lines;
}

function leftLines(report: ConformanceReport): string[] {
  const lines: string[] = [];
  // When no check ran, every operation is unreached: that says nothing.
  if (report.unreached.length > 0 && report.couldNotRun === undefined) {
    lines.push(`未覆盖的操作 / operations not reached: ${report.unreached.join(', ')}`);
  }
  for (const left of report.created) {
    const state = left.withdrawn
      ? '已撤销 / withdrawn'
      : `未撤销 / NOT withdrawn: ${left.reason ?? left.status}`;
    lines.push(`已创建 / filed ${left.code}: ${state}`);
  }
  return lines;
}

/** The end of a pretty run: the table, the counts, what no check reached and what the run filed. */
export function formatPretty(report: ConformanceReport): string {
  const counts =
    `${report.passed} 通过 / passed, ${report.failed} 失败 / failed, ${report.skipped} 跳过 / skipped` +
    ` (${report.baseUrl})`;
  const lines = report.results.length > 0 ? [...resultTable(report.results), ''] : [];
  if (report.couldNotRun !== undefined)
    lines.push(`无法运行 / could not run: ${printable(report.couldNotRun)}`);
  lines.push(counts, ...leftLines(report));
  return lines.join('\n');
}
