import { describe, expect, it } from 'vitest';
import { parseCodeRange } from '../code-range';
import type { ConformanceReport } from '../types';
import {
  conformanceFormatters,
  escapeXml,
  formatJson,
  formatJunit,
  formatPretty,
  formatProgressLine,
} from '.';

/** A fixed report: one check of each outcome, an unreached operation and one entry filed. */
const report: ConformanceReport = {
  baseUrl: 'http://127.0.0.1:7300',
  codeRange: parseCodeRange('399999999999/900000-999999'),
  results: [
    {
      id: 'auth/no-token',
      title: { zh: '无凭据请求被拒绝（401）', en: 'a request without credentials is refused (401)' },
      spec: 'getMe',
      outcome: 'pass',
      ms: 12,
    },
    {
      id: 'roles/vendor-cannot-create-entry',
      title: { zh: '供应商不能创建目录条目', en: 'a vendor cannot create <entries> & "more"' },
      spec: 'createResource',
      outcome: 'fail',
      reason: 'status: expected 403, got 200\u0007\nsecond line',
      ms: 1500,
    },
    {
      id: 'limits',
      title: { zh: '限流', en: 'the rate limit' },
      spec: 'records',
      outcome: 'skip',
      reason: "limit 'too' high",
      ms: 0,
    },
  ],
  created: [{ code: '399999999999/900000', status: 'withdrawn', withdrawn: true }],
  unreached: ['getAudit'],
  passed: 1,
  failed: 1,
  skipped: 1,
};

describe('conformance formatters', () => {
  it('junit: writes the exact XML of a small report, every text escaped and control characters dropped', () => {
    expect(formatJunit(report)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="unsilo conformance" tests="3" failures="1" errors="0" skipped="1" time="1.512">',
        '  <testsuite name="unsilo conformance" tests="3" failures="1" errors="0" skipped="1" time="1.512">',
        '    <properties>',
        '      <property name="baseUrl" value="http://127.0.0.1:7300"/>',
        '    </properties>',
        '    <testcase classname="auth" name="auth/no-token: a request without credentials is refused (401)" time="0.012"/>',
        '    <testcase classname="roles" name="roles/vendor-cannot-create-entry: a vendor cannot create &lt;entries&gt; &amp; &quot;more&quot;" time="1.500">',
        '      <failure message="status: expected 403, got 200&#10;second line">status: expected 403, got 200\nsecond line</failure>',
        '    </testcase>',
        '    <testcase classname="limits" name="limits: the rate limit" time="0.000">',
        '      <skipped message="limit &apos;too&apos; high"/>',
        '    </testcase>',
        '    <system-out>operations not reached: getAudit\nfiled 399999999999/900000: withdrawn</system-out>',
        '  </testsuite>',
        '</testsuites>',
      ].join('\n'),
    );
  });

  it('junit: a run that could not start is one erroring test case named preflight', () => {
    const failed: ConformanceReport = {
      ...report,
      couldNotRun: 'providerA: 401 <auth.invalid_client>',
      results: [],
      created: [],
      unreached: [],
      passed: 0,
      failed: 0,
      skipped: 0,
    };
    expect(formatJunit(failed)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="unsilo conformance" tests="1" failures="0" errors="1" skipped="0" time="0.000">',
        '  <testsuite name="unsilo conformance" tests="1" failures="0" errors="1" skipped="0" time="0.000">',
        '    <properties>',
        '      <property name="baseUrl" value="http://127.0.0.1:7300"/>',
        '    </properties>',
        '    <testcase classname="preflight" name="preflight" time="0.000">',
        '      <error message="providerA: 401 &lt;auth.invalid_client&gt;">providerA: 401 &lt;auth.invalid_client&gt;</error>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
      ].join('\n'),
    );
  });

  it('escapeXml drops what XML 1.0 forbids (controls, U+FFFF, lone surrogates) and keeps tab, newline, CJK', () => {
    expect(escapeXml('a\u0000b\u001Fc\uFFFFd\uD800e\tf\ng 汉字 😀')).toBe('abcde\tf\ng 汉字 😀');
  });

  it('json: is the report as it is', () => {
    expect(JSON.parse(formatJson(report))).toEqual(report);
  });

  it('pretty: a progress line per check, with its reason below', () => {
    expect(formatProgressLine(report.results[2]!)).toBe(
      "SKIP  limits  限流 / the rate limit\n      limit 'too' high",
    );
  });

  it('pretty: a table of id, outcome, ms and title, reasons under their check without control characters, then the counts', () => {
    const indent = ' '.repeat(32 + 2 + 7 + 2 + 4 + 2);
    expect(formatPretty(report).split('\n')).toEqual([
      'id                                outcome    ms  标题 / title',
      'auth/no-token                     PASS       12  无凭据请求被拒绝（401） / a request without credentials is refused (401)',
      'roles/vendor-cannot-create-entry  FAIL     1500  供应商不能创建目录条目 / a vendor cannot create <entries> & "more"',
      `${indent}status: expected 403, got 200`,
      `${indent}second line`,
      'limits                            SKIP        0  限流 / the rate limit',
      `${indent}limit 'too' high`,
      '',
      '1 通过 / passed, 1 失败 / failed, 1 跳过 / skipped (http://127.0.0.1:7300)',
      '未覆盖的操作 / operations not reached: getAudit',
      '已创建 / filed 399999999999/900000: 已撤销 / withdrawn',
    ]);
  });

  it('offers exactly the formats pretty, json and junit', () => {
    expect(Object.keys(conformanceFormatters)).toEqual(['pretty', 'json', 'junit']);
  });
});
