import type { Lang } from './preview-view';

/** The words of the preview page, in both languages. */
export const previewStrings = {
  title: { zh: '字段映射预览', en: 'Mapping preview' },
  target: { zh: '目标信息项', en: 'Target item' },
  source: { zh: '来源列', en: 'Source column' },
  how: { zh: '转换 / 代码 / 校验', en: 'Transforms / codes / checks' },
  coverage: { zh: '覆盖率', en: 'Coverage' },
  mappedItems: { zh: '已映射信息项', en: 'items mapped' },
  unmappedRequired: { zh: '未映射的必填项', en: 'Required items not mapped' },
  unmappedKeys: { zh: '未映射的主键', en: 'Key items not mapped' },
  summary: { zh: '样例行', en: 'Sample rows' },
  read: { zh: '读取', en: 'read' },
  accepted: { zh: '接收', en: 'accepted' },
  rejected: { zh: '拒收', en: 'rejected' },
  replaced: { zh: '被同主键的后一行替代', en: 'replaced by a later row of its key' },
  warnings: { zh: '警告', en: 'warnings' },
  rows: { zh: '转换前后', en: 'Before / after' },
  row: { zh: '行', en: 'Row' },
  before: { zh: '转换前', en: 'Before' },
  after: { zh: '转换后', en: 'After' },
  rejects: { zh: '拒收行及原因', en: 'Rejected rows and reasons' },
  field: { zh: '信息项', en: 'Field' },
  rule: { zh: '规则', en: 'Rule' },
  value: { zh: '值', en: 'Value' },
  reason: { zh: '原因', en: 'Reason' },
  uncovered: { zh: '未覆盖的遗留代码', en: 'Uncovered legacy codes' },
  count: { zh: '次数', en: 'Count' },
  firstRows: { zh: '首次出现的行', en: 'First rows' },
  none: { zh: '无', en: 'None' },
  diagnostics: { zh: '映射文件问题', en: 'Problems in the mapping' },
  sample: { zh: '样例文件', en: 'Sample file' },
  pickSample: { zh: '选择样例文件…', en: 'Choose a sample file…' },
  entry: { zh: '目录条目', en: 'Catalogue entry' },
  shown: { zh: '仅显示前 {n} 行', en: 'first {n} rows shown' },
} satisfies Record<string, Record<Lang, string>>;

export type PreviewStringKey = keyof typeof previewStrings;
