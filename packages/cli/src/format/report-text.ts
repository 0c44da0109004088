import type { Lang, ShareBucket } from '@unsilo/sdk/catalog';

/** The words of `unsilo catalog report`, per language. The data (names, codes) is shown as written. */
export interface ReportText {
  htmlLang: string;
  title: string;
  subtitle: string;
  /** Between a label and its figure: `无条件共享：3`, `Unconditional: 3`. */
  colon: string;
  /** Between the items of a list. */
  listSeparator: string;
  share: Record<ShareBucket, string>;
  shareChart: string;
  resourcesCaption: string;
  sharesByProvider: string;
  missing: string;
  allRequiredFilled: string;
  noProviderCode: string;
  figures: { resources: string; completeness: string; errors: string; warnings: string };
  tableHead: [string, string, string, string, string, string];
  completenessByProvider: string;
  meta: { catalogue: string; generated: string };
  kpi: {
    resources: string;
    files: (n: number) => string;
    providers: string;
    providersHint: string;
    completeness: string;
    completenessHint: string;
    errors: string;
    errorsHint: string;
    warnings: string;
    warningsHint: (infos: number) => string;
  };
  cards: {
    share: [string, string];
    completeness: [string, string];
    shareByProvider: [string, string];
    findings: [string, string];
    byProvider: string;
  };
  footer: string;
}

const zh: ReportText = {
  htmlLang: 'zh-CN',
  title: '政务信息资源目录质量报告',
  subtitle: '按提供部门统计资源数量、共享类型、必填字段完整度和检查发现的问题',
  colon: '：',
  listSeparator: '、',
  share: { unconditional: '无条件共享', conditional: '有条件共享', none: '不予共享', unknown: '未填写/无效' },
  shareChart: '共享类型分布',
  resourcesCaption: '项资源',
  sharesByProvider: '各部门共享类型',
  missing: '缺少',
  allRequiredFilled: '必填字段齐全',
  noProviderCode: '未填写提供方代码',
  figures: { resources: '资源', completeness: '完整度', errors: '错误', warnings: '警告' },
  tableHead: ['信息资源', '共享类型', '更新周期', '信息项', '完整度', '问题'],
  completenessByProvider: '各部门必填字段完整度',
  meta: { catalogue: '目录：', generated: '生成时间：' },
  kpi: {
    resources: '信息资源',
    files: (n) => `${n} 个目录文件`,
    providers: '提供部门',
    providersHint: '按提供方代码归并',
    completeness: '平均完整度',
    completenessHint: '必填字段已填写的比例',
    errors: '错误',
    errorsHint: '须在登记前修正',
    warnings: '警告',
    warningsHint: (infos) => `建议修正 · 提示 ${infos}`,
  },
  cards: {
    share: ['共享类型分布', '全部资源'],
    completeness: ['各部门完整度', '必填字段已填写比例'],
    shareByProvider: ['各部门共享类型', '资源数'],
    findings: ['问题分布', '按规则，错误与警告'],
    byProvider: '各部门明细',
  },
  footer: '由 unsilo catalog report 生成 · 规则与 unsilo lint、编辑器和交换平台一致',
};

const en: ReportText = {
  htmlLang: 'en',
  title: 'Catalogue quality report',
  subtitle:
    'Resources, share types, completeness of the required fields and lint findings, by providing department',
  colon: ': ',
  listSeparator: ', ',
  share: {
    unconditional: 'Unconditional',
    conditional: 'Conditional',
    none: 'Not shared',
    unknown: 'Missing or invalid',
  },
  shareChart: 'Share types',
  resourcesCaption: 'resources',
  sharesByProvider: 'Share types by department',
  missing: 'Missing',
  allRequiredFilled: 'All required fields filled',
  noProviderCode: 'No provider code',
  figures: { resources: 'Resources', completeness: 'Completeness', errors: 'Errors', warnings: 'Warnings' },
  tableHead: ['Resource', 'Share type', 'Update cycle', 'Items', 'Completeness', 'Findings'],
  completenessByProvider: 'Required fields filled, by department',
  meta: { catalogue: 'Catalogue: ', generated: 'Generated: ' },
  kpi: {
    resources: 'Resources',
    files: (n) => `${n} catalogue file${n === 1 ? '' : 's'}`,
    providers: 'Departments',
    providersHint: 'grouped by provider code',
    completeness: 'Average completeness',
    completenessHint: 'share of the required fields filled',
    errors: 'Errors',
    errorsHint: 'to fix before registration',
    warnings: 'Warnings',
    warningsHint: (infos) => `worth fixing · ${infos} info`,
  },
  cards: {
    share: ['Share types', 'all resources'],
    completeness: ['Completeness by department', 'required fields filled'],
    shareByProvider: ['Share types by department', 'resources'],
    findings: ['Findings', 'by rule, errors and warnings'],
    byProvider: 'By department',
  },
  footer: 'Made by unsilo catalog report · the rules of unsilo lint, the editor and the exchange',
};

export const REPORT_TEXT: Record<Lang, ReportText> = { zh, en };
