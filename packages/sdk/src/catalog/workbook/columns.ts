import type { VocabularyName } from '../vocabulary';

/** Whether a column describes the resource (first row of a resource) or one information item (every row). */
export type ColumnLevel = 'resource' | 'item' | 'row';

export interface TemplateColumn {
  header: string;
  /** Path in the entry (`items[].name` for item columns); absent for columns derived from others. */
  path?: string;
  level: ColumnLevel;
  vocabulary?: VocabularyName;
  width: number;
  /** Unsilo's own column, after the 26 of the national template. */
  extension?: boolean;
}

/**
 * The 填报模板 columns in the order of the national template (catalogue-standards §1.3), then the columns
 * Unsilo needs to give back exactly the same YAML (provider, item keys, code sets…).
 *
 * Layout: one row per information item. The resource-level columns are filled on the first row of a
 * resource only and left blank on its continuation rows; a row with a blank 信息资源代码 continues the
 * resource above it. A resource without items takes one row with blank item columns.
 * 项分类 holds the topic label; 目分类 and 细目分类1 show the 目 and 细目 digits of the code (the
 * code column is what import reads); 细目分类1.1 stays blank.
 */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: '序号', level: 'row', width: 6 },
  {
    header: '部门类信息资源分类',
    path: 'classification.class',
    level: 'resource',
    vocabulary: 'classificationClass',
    width: 16,
  },
  { header: '项分类', path: 'classification.topic', level: 'resource', width: 12 },
  { header: '目分类', level: 'resource', width: 8 },
  { header: '细目分类1', level: 'resource', width: 10 },
  { header: '细目分类1.1', level: 'resource', width: 10 },
  { header: '关联业务事项', path: 'businessMatters', level: 'resource', width: 20 },
  { header: '信息资源名称', path: 'name', level: 'resource', width: 24 },
  { header: '信息资源代码', path: 'code', level: 'resource', width: 22 },
  { header: '下设机构', path: 'provider.unit', level: 'resource', width: 14 },
  { header: '信息资源摘要', path: 'summary', level: 'resource', width: 40 },
  {
    header: '信息资源格式分类',
    path: 'format.class',
    level: 'resource',
    vocabulary: 'formatClass',
    width: 14,
  },
  { header: '信息资源格式类型', path: 'format.type', level: 'resource', width: 14 },
  { header: '其他类型资源格式描述', path: 'format.note', level: 'resource', width: 18 },
  { header: '信息项名称', path: 'items[].name', level: 'item', width: 18 },
  { header: '数据类型', path: 'items[].type', level: 'item', vocabulary: 'itemType', width: 10 },
  { header: '数据长度', path: 'items[].length', level: 'item', width: 8 },
  { header: '共享类型', path: 'share.type', level: 'resource', vocabulary: 'shareType', width: 12 },
  { header: '共享条件/不予共享依据', path: 'share.condition', level: 'resource', width: 30 },
  {
    header: '共享方式分类',
    path: 'share.method.class',
    level: 'resource',
    vocabulary: 'shareMethodClass',
    width: 14,
  },
  {
    header: '共享方式类型',
    path: 'share.method.type',
    level: 'resource',
    vocabulary: 'shareMethodType',
    width: 12,
  },
  { header: '是否向社会开放', path: 'open.type', level: 'resource', vocabulary: 'openType', width: 14 },
  { header: '开放条件', path: 'open.condition', level: 'resource', width: 24 },
  { header: '更新周期', path: 'updateCycle', level: 'resource', vocabulary: 'updateCycle', width: 10 },
  { header: '发布日期', path: 'publishedAt', level: 'resource', width: 12 },
  { header: '开放主题分类', path: 'open.topic', level: 'resource', width: 14 },
  { header: '信息资源提供方', path: 'provider.name', level: 'resource', width: 22, extension: true },
  { header: '信息资源提供方代码', path: 'provider.code', level: 'resource', width: 22, extension: true },
  { header: '关联资源代码', path: 'related', level: 'resource', width: 24, extension: true },
  { header: '更新周期说明', path: 'updateCycleNote', level: 'resource', width: 18, extension: true },
  { header: '所在信息系统', path: 'system', level: 'resource', width: 16, extension: true },
  { header: '记录主键', path: 'key', level: 'resource', width: 12, extension: true },
  { header: '信息项标识', path: 'items[].key', level: 'item', width: 12, extension: true },
  { header: '数据元素', path: 'items[].element', level: 'item', width: 18, extension: true },
  { header: '代码集', path: 'items[].codeset', level: 'item', width: 14, extension: true },
  { header: '是否必填', path: 'items[].required', level: 'item', width: 10, extension: true },
  { header: '权威来源', path: 'items[].source', level: 'item', width: 10, extension: true },
  { header: '交换平台校核', path: 'items[].check', level: 'item', width: 14, extension: true },
  { header: '信息项说明', path: 'items[].description', level: 'item', width: 20, extension: true },
  { header: '文件', path: '$file', level: 'resource', width: 24, extension: true },
];

/** List values (related codes, business matters, record keys) share one cell, separated by "；". */
export const LIST_SEPARATOR = '；';
export const LIST_PATHS = new Set(['related', 'businessMatters', 'key', 'items[].check']);
/** Flags written 是/否 (an empty cell leaves the flag out). */
export const YES_NO_PATHS = new Set(['items[].required']);
export const SHEET_NAME = '信息资源目录';
