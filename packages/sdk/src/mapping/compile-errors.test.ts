import { describe, expect, it } from 'vitest';
import { loadMapping } from './load';
import { populationEntry } from './test-fixtures';

const mappingWith = (fields: string) => `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
source: { format: csv }
key: [gmsfhm]
fields:
  gmsfhm: { from: SFZH }
  xm: { from: XM }
${fields}`;

const errorsOf = (yaml: string) =>
  loadMapping(yaml, populationEntry)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, path: d.path.join('.'), message: d.message, zh: d.zh }));

// Compile errors are structured (code, en, zh): a `|` in the user's own text stays in the message.
describe('compile errors keep the user text whole', () => {
  it.each([
    [
      'a check pattern that is not a regular expression',
      '  csrq: { from: CSRQ, check: [{ pattern: "(a|b" }] }\n',
      'mapping/bad-check',
      'fields.csrq.check.0',
      'pattern "(a|b" is not a valid regular expression',
      'pattern「(a|b」不是有效的正则表达式',
    ],
    [
      'a replace pattern that is not a regular expression',
      '  csrq: { from: CSRQ, transform: [{ replace: { pattern: "[x|", with: "" } }] }\n',
      'mapping/bad-transform',
      'fields.csrq.transform.0',
      'replace pattern "[x|" is not a valid regular expression',
      'replace 的正则表达式「[x|」无效',
    ],
    [
      'a date format',
      '  csrq: { from: CSRQ, transform: [{ date: "YYYY|QQ" }] }\n',
      'mapping/bad-transform',
      'fields.csrq.transform.0',
      'date format "YYYY|QQ" needs YYYY, M or MM, D or DD (or is "excel")',
      '日期格式「YYYY|QQ」需要包含 YYYY、M/MM 与 D/DD（或为 excel）',
    ],
    [
      'an unknown code set',
      '  mz: { from: MZ, codes: { codeset: "GB/T 9|9" } }\n',
      'mapping/codeset-unknown',
      'fields.mz.codes',
      'code set "GB/T 9|9" is not in the registry',
      '代码集「GB/T 9|9」不在代码集登记中',
    ],
  ])('%s, with a | in it', (_, fields, code, path, message, zh) => {
    expect(errorsOf(mappingWith(fields))).toEqual([{ code, path, message, zh }]);
  });
});

describe('a coded target with no codes: translation', () => {
  it('is an info diagnostic at the field, naming the code set; fields with codes or a constant are not', () => {
    const yaml = mappingWith(
      '  xb: { from: XB }\n  mz: { from: MZ, codes: { codeset: GB/T 3304 } }\n  hjdq: { value: "110105" }\n',
    );
    const infos = loadMapping(yaml, populationEntry).diagnostics.filter((d) => d.severity === 'info');
    expect(infos.map((d) => [d.code, d.path.join('.'), d.range?.start.line, d.message, d.zh])).toEqual([
      [
        'mapping/codes-missing',
        'fields.xb',
        9,
        'item "xb" takes codes of GB/T 2261.1 and the field has no codes: translation, so its source values must already be those codes',
        '信息项「性别」取值为 GB/T 2261.1 的代码，该字段没有 codes 对照，来源值须已是这些代码',
      ],
    ]);
  });
});
