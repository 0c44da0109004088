import type { Lang } from './types';

/** The words of the report's findings sections, per language. Names, codes and paths are shown as written. */
export interface FindingsText {
  colon: string;
  fixFirst: { title: string; hint: string; rules: string; departments: string; none: string };
  /** `3 处错误，涉及 2 个条目` */
  ruleFigures: (errors: number, entries: number) => string;
  departmentFigures: (errors: number, warnings: number) => string;
  findings: { title: string; hint: string; none: string; show: string };
  head: { where: string; field: string; problem: string; fix: string };
  severity: { error: string; warning: string; info: string };
  /** How a fix is applied: automatic ones by `unsilo lint --fix`, suggestions in the editor. */
  fixHow: { automatic: string; suggestion: string; byHand: string };
  line: (line: number) => string;
  wholeEntry: string;
  noProvider: string;
  noProviderCode: string;
  notParsed: string;
  rules: { title: string; hint: string; head: [string, string, string] };
  /** Instead of the per-department rule chips: a link to the department's findings. */
  seeFindings: (errors: number, warnings: number) => string;
}

const zh: FindingsText = {
  colon: '：',
  fixFirst: {
    title: '优先修正',
    hint: '以下错误会使资源无法登记，须先修正',
    rules: '阻止登记的规则',
    departments: '错误最多的部门',
    none: '✓ 没有阻止登记的错误',
  },
  ruleFigures: (errors, entries) => `${errors} 处错误，涉及 ${entries} 个条目`,
  departmentFigures: (errors, warnings) => `错误 ${errors} · 警告 ${warnings}`,
  findings: {
    title: '问题清单',
    hint: '按部门、资源分组，错误在前；文件路径相对于目录文件夹',
    none: '✓ 没有错误或警告',
    show: '查看',
  },
  head: { where: '文件与行', field: '字段', problem: '问题', fix: '修正方法' },
  severity: { error: '错误', warning: '警告', info: '提示' },
  fixHow: {
    automatic: 'unsilo lint --fix 可自动修正',
    suggestion: '编辑器中的修正建议，请确认后采用',
    byHand: '须手工修改，见规则说明',
  },
  line: (line) => `第 ${line} 行`,
  wholeEntry: '整个条目',
  noProvider: '未填写提供方',
  noProviderCode: '未填写提供方代码',
  notParsed: '无法读取的文件',
  rules: {
    title: '问题分布',
    hint: '按规则，错误与警告；规则说明为全文',
    head: ['规则', '级别', '数量'],
  },
  seeFindings: (errors, warnings) => `错误 ${errors}、警告 ${warnings}，见问题清单`,
};

const en: FindingsText = {
  colon: ': ',
  fixFirst: {
    title: 'Fix these first',
    hint: 'these errors keep resources from being registered',
    rules: 'Rules that block registration',
    departments: 'Departments with most errors',
    none: '✓ No error blocks registration',
  },
  ruleFigures: (errors, entries) =>
    `${errors} error${errors === 1 ? '' : 's'} in ${entries} entr${entries === 1 ? 'y' : 'ies'}`,
  departmentFigures: (errors, warnings) =>
    `${errors} error${errors === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'}`,
  findings: {
    title: 'Findings to fix',
    hint: 'by department and resource, errors first; paths relative to the catalogue folder',
    none: '✓ No errors or warnings',
    show: 'see',
  },
  head: { where: 'File and line', field: 'Field', problem: 'Problem', fix: 'How to fix' },
  severity: { error: 'Error', warning: 'Warning', info: 'Info' },
  fixHow: {
    automatic: 'unsilo lint --fix applies it',
    suggestion: 'a suggestion in the editor, check before applying',
    byHand: 'edit by hand, see the rule',
  },
  line: (line) => `line ${line}`,
  wholeEntry: 'whole entry',
  noProvider: 'No provider',
  noProviderCode: 'no provider code',
  notParsed: 'Files that could not be read',
  rules: {
    title: 'Findings by rule',
    hint: 'errors and warnings; each rule explained in full',
    head: ['Rule', 'Level', 'Count'],
  },
  seeFindings: (errors, warnings) =>
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} — see the findings`,
};

export const FINDINGS_TEXT: Record<Lang, FindingsText> = { zh, en };
