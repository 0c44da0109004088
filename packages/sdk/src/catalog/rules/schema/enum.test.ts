import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

describe('schema/enum', () => {
  it('passes canonical tokens', () => {
    expect(check('schema/enum', VALID_ENTRY)).toEqual([]);
  });

  it('fixes Chinese labels and aliases to the canonical token', () => {
    let text = vary('  type: conditional', '  type: 有条件共享');
    text = vary('updateCycle: daily', 'updateCycle: 每日', text);
    text = vary('{ name: 姓名, key: xm, type: C,', '{ name: 姓名, key: xm, type: 字符型,', text);
    text = vary('format: { class: database, type: oracle }', 'format: { class: 数据库, type: Oracle }', text);
    const diagnostics = check('schema/enum', text);
    expect(diagnostics.map((d) => d.message.en.split(';')[0])).toEqual([
      '"数据库" is not a valid format.class',
      '"Oracle" is not a valid format.type',
      '"字符型" is not a valid items[1].type',
      '"有条件共享" is not a valid share.type',
      '"每日" is not a valid updateCycle',
    ]);
    const result = fixed('schema/enum', text);
    expect(result).toContain('format: { class: database, type: oracle }');
    expect(result).toContain('  type: conditional');
    expect(result).toContain('updateCycle: daily');
    expect(result).toContain('{ name: 姓名, key: xm, type: C,');
  });

  it('reports unknown values without a fix, listing the vocabulary', () => {
    const [diagnostic] = check('schema/enum', vary('updateCycle: daily', 'updateCycle: hourly'));
    expect(diagnostic?.fixes).toEqual([]);
    expect(diagnostic?.message.zh).toContain('daily 每日');
    expect(
      check('schema/enum', vary('apiVersion: unsilo/v1', 'apiVersion: unsilo/v2'))[0]?.message.en,
    ).toContain('"unsilo/v2" is not a valid apiVersion');
  });
});
