import type { CheckResult, ConformanceReport } from '../types';

const SUITE = 'unsilo conformance';

// Characters XML 1.0 does not allow at all (C0 controls but tab, newline and return; U+FFFE, U+FFFF; lone
// surrogates): they are dropped, since no escape makes them legal.
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML attribute or element: forbidden characters dropped, markup escaped. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute value: also tab and line breaks escaped, or XML parsers turn them into spaces. */
const attribute = (text: string) =>
  escapeXml(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(result: CheckResult): string {
  const group = result.id.includes('/') ? result.id.slice(0, result.id.indexOf('/')) : result.id;
  const open =
    `    <testcase classname="${attribute(group)}" name="${attribute(`${result.id}: ${result.title.en}`)}"` +
    ` time="${seconds(result.ms)}"`;
  if (result.outcome === 'pass') return `${open}/>`;
  const reason = result.reason ?? '';
  const child =
    result.outcome === 'fail'
      ? `<failure message="${attribute(reason)}">${escapeXml(reason)}</failure>`
      : `<skipped message="${attribute(reason)}"/>`;
  return `${open}>\n      ${child}\n    </testcase>`;
}

/** Why the run could not start, as one erroring test case: CI shows it where it shows the checks. */
function preflightCase(reason: string): string {
  return (
    `    <testcase classname="preflight" name="preflight" time="0.000">\n` +
    `      <error message="${attribute(reason)}">${escapeXml(reason)}</error>\n    </testcase>`
  );
}

/** What no check reached and what the run filed, for the CI log. */
function systemOut(report: ConformanceReport): string[] {
  const lines = [
    // When no check ran, every operation is unreached: that says nothing.
    ...(report.unreached.length > 0 && report.couldNotRun === undefined
      ? [`operations not reached: ${report.unreached.join(', ')}`]
      : []),
    ...report.created.map(
      (left) =>
        `filed ${left.code}: ${left.withdrawn ? 'withdrawn' : `NOT withdrawn: ${left.reason ?? left.status}`}`,
    ),
  ];
  return lines.length > 0 ? [`    <system-out>${escapeXml(lines.join('\n'))}</system-out>`] : [];
}

/** The report as JUnit XML for CI: one suite, a test case per check (classname = the check's group). */
export function formatJunit(report: ConformanceReport): string {
  const errors = report.couldNotRun === undefined ? 0 : 1;
  const tests = report.results.length + errors;
  const time = seconds(report.results.reduce((sum, r) => sum + r.ms, 0));
  const counts = `tests="${tests}" failures="${report.failed}" errors="${errors}" skipped="${report.skipped}" time="${time}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE}" ${counts}>`,
    `  <testsuite name="${SUITE}" ${counts}>`,
    `    <properties>\n      <property name="baseUrl" value="${attribute(report.baseUrl)}"/>\n    </properties>`,
    ...(report.couldNotRun === undefined ? [] : [preflightCase(report.couldNotRun)]),
    ...report.results.map(testcase),
    ...systemOut(report),
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}
