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
  const notes = (fields: string) =>
    loadMapping(mappingWith(fields), populationEntry)
      .diagnostics.filter((d) => d.severity !== 'error')
      .map((d) => [d.severity, d.code, d.path.join('.'), d.range?.start.line]);

  it('is a warning at the field, naming the code set; fields with codes or a constant are not', () => {
    const yaml = mappingWith(
      '  xb: { from: XB }\n  mz: { from: MZ, codes: { codeset: GB/T 3304 } }\n  hjdq: { value: "110105" }\n',
    );
    const notes = loadMapping(yaml, populationEntry).diagnostics.filter((d) => d.severity !== 'error');
    expect(
      notes.map((d) => [d.severity, d.code, d.path.join('.'), d.range?.start.line, d.message, d.zh]),
    ).toEqual([
      [
        'warning',
        'mapping/codes-missing',
        'fields.xb',
        9,
        'item "xb" takes codes of GB/T 2261.1 and the field has no codes: translation: source values pass unchanged, so a legacy code that means something else in the source system is sent as that code of GB/T 2261.1; add codes: (a table or { codeset }), or codes: identity when the source already uses GB/T 2261.1',
        '信息项「性别」取值为 GB/T 2261.1 的代码，该字段没有 codes 代码转换：来源值原样通过，源系统中含义不同的代码会被当作 GB/T 2261.1 的同名代码发送；请添加 codes（对照表或 { codeset }），如来源已使用 GB/T 2261.1，请写 codes: identity',
      ],
    ]);
  });

  it('is silenced by codes: identity, and by a region check on a GB/T 2260 item', () => {
    expect(notes('  xb: { from: XB, codes: identity }\n  hjdq: { from: HJDQ, check: [region] }\n')).toEqual(
      [],
    );
    expect(notes('  hjdq: { from: HJDQ }\n')).toEqual([
      ['warning', 'mapping/codes-missing', 'fields.hjdq', 9],
    ]);
    // A validating check that does not cover the code set silences nothing.
    expect(notes('  xb: { from: XB, check: [{ length: 1 }] }\n')).toEqual([
      ['warning', 'mapping/codes-missing', 'fields.xb', 9],
    ]);
  });

  it('warns on codes: identity for an item without a code set (nothing checks the values then)', () => {
    expect(notes('  lxdh: { from: LXDH, codes: identity }\n')).toEqual([
      ['warning', 'mapping/identity-without-codeset', 'fields.lxdh.codes', 9],
    ]);
  });

  it('passes values through with codes: identity, still checking membership of the code set', () => {
    const { compiled } = loadMapping(mappingWith('  xb: { from: XB, codes: identity }\n'), populationEntry);
    const base = { SFZH: '11010519491231002X', XM: '张三' };
    expect(compiled?.mapRow({ ...base, XB: '2' }, 1).record).toMatchObject({ xb: '2' });
    expect(compiled?.mapRow({ ...base, XB: '男' }, 2).errors).toEqual([
      {
        field: 'xb',
        rule: 'codeset',
        value: '男',
        message: 'not a code of GB/T 2261.1',
        zh: '不是 GB/T 2261.1 中的代码',
      },
    ]);
  });
});
