import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../edits';
import { check, VALID_ENTRY, vary } from '../testing';

const RULE = 'items/element-suggested';
// The rule is opt-in: a city turns it on when it annotates its items.
const suggested = (text: string) => check(RULE, text, [], { rules: { [RULE]: 'info' } });
const fixed = (text: string) =>
  applyFixes(
    text,
    suggested(text).flatMap((diagnostic) => diagnostic.fixes.slice(0, 1)),
  );

describe('items/element-suggested', () => {
  it('suggests the element an item name is, and inserts it', () => {
    const [diagnostic] = suggested(VALID_ENTRY).filter((d) => d.message.en.startsWith('item "公民身份号码"'));
    expect(diagnostic?.severity).toBe('info');
    expect(diagnostic?.message.zh).toBe(
      '信息项「公民身份号码」是数据元「公民身份号码」，建议标注 element: person.id-number',
    );
    expect(diagnostic?.fixes.map((fix) => fix.suggestion)).toEqual([true]);
    expect(fixed(VALID_ENTRY)).toContain(
      '{ name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative, element: person.id-number }',
    );
  });

  it('matches an alias or the record key exactly, not a name that only contains one', () => {
    const text = vary(
      '{ name: 姓名, key: xm, type: C, length: 50 }',
      '{ name: 身份证号, key: zjh, type: C, length: 18 }\n  - { name: 证件, key: SFZH, type: C, length: 18 }\n  - { name: 法定代表人公民身份号码, key: fddbrsfzh, type: C, length: 18 }',
    );
    const messages = suggested(text).map((d) => d.message.en);
    expect(messages.filter((message) => message.includes('person.id-number'))).toEqual([
      'item "公民身份号码" is the data element "citizen identity number"; consider element: person.id-number',
      'item "身份证号" is the data element "citizen identity number"; consider element: person.id-number',
      'item "证件" is the data element "citizen identity number"; consider element: person.id-number',
    ]);
  });

  it('is off unless the config turns it on', () => {
    expect(check(RULE, VALID_ENTRY)).toEqual([]);
  });

  it('stays silent on items that name their element', () => {
    const text = [
      ['{ name: 公民身份号码, key: gmsfhm,', 'element: person.id-number'],
      ['{ name: 姓名, key: xm,', 'element: person.name'],
      ['{ name: 性别, key: xb,', 'element: person.sex'],
      ['{ name: 出生日期, key: csrq,', 'element: person.birth-date'],
    ].reduce((entry, [start, element]) => vary(start!, `${start} ${element},`, entry), VALID_ENTRY);
    expect(suggested(text)).toEqual([]);
  });
});
