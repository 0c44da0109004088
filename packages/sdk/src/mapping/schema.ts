import { diagnostic } from './diagnostics';
import type { MappingDiagnostic } from './types';

const FORMATS = ['csv', 'ndjson', 'xlsx'];
const ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'auto'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the shape of a mapping document; interim structural check until the spec schema is wired. */
export function validateMappingSchema(value: unknown): MappingDiagnostic[] {
  const out: MappingDiagnostic[] = [];
  const err = (path: Array<string | number>, en: string, zh: string) =>
    out.push(diagnostic('mapping/schema', 'error', path, en, zh));
  if (!isObject(value)) {
    err([], 'a mapping file is a YAML mapping (key: value)', '映射文件应为 YAML 映射（键: 值）');
    return out;
  }
  if (value.kind !== 'FieldMapping') err(['kind'], 'kind must be FieldMapping', 'kind 应为 FieldMapping');
  if (value.apiVersion !== 'unsilo/v1')
    err(['apiVersion'], 'apiVersion must be unsilo/v1', 'apiVersion 应为 unsilo/v1');
  if (typeof value.resource !== 'string')
    err(['resource'], 'resource (the target resource code) is required', '缺少 resource（目标信息资源代码）');
  if (!isObject(value.source)) err(['source'], 'source { format } is required', '缺少 source { format }');
  else {
    if (!FORMATS.includes(String(value.source.format)))
      err(
        ['source', 'format'],
        `source.format must be one of ${FORMATS.join(', ')}`,
        `source.format 应为 ${FORMATS.join('、')} 之一`,
      );
    if (value.source.encoding !== undefined && !ENCODINGS.includes(String(value.source.encoding))) {
      err(
        ['source', 'encoding'],
        `source.encoding must be one of ${ENCODINGS.join(', ')}`,
        `source.encoding 应为 ${ENCODINGS.join('、')} 之一`,
      );
    }
  }
  if (
    value.key !== undefined &&
    !(Array.isArray(value.key) && value.key.every((k) => typeof k === 'string'))
  ) {
    err(['key'], 'key must be a list of item keys', 'key 应为信息项键名列表');
  }
  if (!isObject(value.fields))
    err(['fields'], 'fields (target item → source) is required', '缺少 fields（信息项 → 来源）');
  else {
    for (const [k, spec] of Object.entries(value.fields)) {
      if (!isObject(spec))
        err(['fields', k], `field "${k}" must be a mapping { from, … }`, `字段「${k}」应为映射 { from, … }`);
      else if (
        spec.from !== undefined &&
        typeof spec.from !== 'string' &&
        !(Array.isArray(spec.from) && spec.from.every((c) => typeof c === 'string'))
      ) {
        err(
          ['fields', k, 'from'],
          'from must be a column name or a list of column names',
          'from 应为列名或列名列表',
        );
      }
    }
  }
  if (value.checks !== undefined && !Array.isArray(value.checks))
    err(['checks'], 'checks must be a list', 'checks 应为列表');
  return out;
}
