/** Helpers for the rule tests: a valid entry to vary, and a lint that keeps only one rule's diagnostics. */
import { applyFixes } from '../edits';
import { lintWorkspace } from '../engine';
import type { Diagnostic, LintConfig, SourceFile } from '../types';

export const VALID_ENTRY = `apiVersion: unsilo/v1
kind: InformationResource
code: "307001030801/000012"
name: 户籍人口基本信息
provider:
  name: 某市公安局
  code: "11330100MB0000019K"
classification:
  class: department
  topic: 人口
summary: 全市户籍人口的登记信息，包括身份、出生、户籍地址等。
format: { class: database, type: oracle }
items:
  - { name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative }
  - { name: 姓名, key: xm, type: C, length: 50 }
  - { name: 性别, key: xb, type: C, length: 1, codeset: GB/T 2261.1 }
  - { name: 出生日期, key: csrq, type: D }
share:
  type: conditional
  condition: 仅用于户籍核验业务，须经市公安局审批
  method: { class: platform, type: api }
open:
  type: none
updateCycle: daily
publishedAt: 2019-05-10
`;

/** The entry with one line replaced (or removed, when `to` is empty). */
export function vary(from: string, to: string, text = VALID_ENTRY): string {
  if (!text.includes(from)) throw new Error(`the entry has no ${JSON.stringify(from)}`);
  return text.replace(to === '' ? `${from}\n` : from, to);
}

/** Diagnostics of one rule for `entry.yaml` (plus other workspace files). */
export function check(
  ruleId: string,
  text: string,
  others: SourceFile[] = [],
  config?: LintConfig,
): Diagnostic[] {
  const result = lintWorkspace([{ path: 'entry.yaml', text }, ...others], { config });
  return result.diagnostics.filter(
    (diagnostic) => diagnostic.rule === ruleId && diagnostic.file === 'entry.yaml',
  );
}

/** The text after applying the first fix of each diagnostic of the rule. */
export function fixed(ruleId: string, text: string): string {
  return applyFixes(
    text,
    check(ruleId, text).flatMap((diagnostic) => diagnostic.fixes.slice(0, 1)),
  );
}

/** "line:column" of where a diagnostic starts, for readable assertions. */
export function at(diagnostic: Diagnostic | undefined): string {
  return diagnostic ? `${diagnostic.range.start.line}:${diagnostic.range.start.column}` : 'none';
}
