import type { CompileOptions } from './compile';
import { loadMapping } from './load';
import type { TargetEntry } from './types';

/** The 民政 population entry, used by the mapping tests as the target. */
export const populationEntry: TargetEntry = {
  code: '307001030801/000012',
  name: '户籍人口基本信息',
  items: [
    { name: '公民身份号码', key: 'gmsfhm', type: 'C', length: 18, source: 'authoritative' },
    { name: '姓名', key: 'xm', type: 'C', length: 50, required: true },
    { name: '性别', key: 'xb', type: 'C', length: 1, codeset: 'GB/T 2261.1' },
    { name: '出生日期', key: 'csrq', type: 'D' },
    { name: '民族', key: 'mz', type: 'C', length: 2, codeset: 'GB/T 3304' },
    { name: '户籍地行政区划', key: 'hjdq', type: 'C', length: 6, codeset: 'GB/T 2260' },
    { name: '家庭人口数', key: 'jtrks', type: 'I' },
    { name: '联系电话', key: 'lxdh', type: 'C', length: 20 },
  ],
};

export const populationMappingYaml = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
source: { format: csv, encoding: gbk, delimiter: "," }
key: [gmsfhm]
fields:
  gmsfhm: { from: SFZH, transform: [trim, upper, idcard18], check: [idcard] }
  xm:     { from: XM, transform: [trim, halfwidth] }
  xb:     { from: XB, codes: { "1": "1", "2": "2", 男: "1", 女: "2" } }
  csrq:   { from: CSRQ, transform: [trim, { date: ["YYYYMMDD", "YYYY年M月D日", "YYYY/M/D"] }] }
  mz:     { from: MZ, codes: { codeset: GB/T 3304, by: name } }
  hjdq:   { from: HJDQ }
  jtrks:  { from: JTRKS, transform: [number], default: "1" }
  lxdh:   { from: LXDH, check: [phone] }
checks:
  - idcard-consistent: { idcard: gmsfhm, sex: xb, birthDate: csrq }
`;

/** The population mapping reading UTF-8 (the tests write their samples as UTF-8). */
export const populationMappingUtf8Yaml = populationMappingYaml.replace('encoding: gbk', 'encoding: utf-8');

/** The UTF-8 population mapping compiled against the population entry; throws on a diagnostic error. */
export function compiledPopulationMapping(options: CompileOptions) {
  const loaded = loadMapping(populationMappingUtf8Yaml, populationEntry, options);
  if (!loaded.compiled) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.compiled;
}
