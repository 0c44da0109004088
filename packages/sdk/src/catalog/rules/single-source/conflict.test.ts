import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

const civilAffairs = vary(
  'name: 户籍人口基本信息',
  'name: 婚姻登记信息',
  vary(
    '"307001030801/000012"',
    '"307001031201/000001"',
    vary(
      '  name: 某市公安局\n  code: "11330100MB0000019K"',
      '  name: 某市民政局\n  code: "91110108551385082Q"',
    ),
  ),
);

describe('single-source/conflict', () => {
  it('passes one authoritative source per data element', () => {
    const notAuthoritative = civilAffairs.replace(', source: authoritative', '');
    expect(
      check('single-source/conflict', VALID_ENTRY, [{ path: 'mz.yaml', text: notAuthoritative }]),
    ).toEqual([]);
  });

  it('reports two providers claiming the same data element, named in both languages', () => {
    const [diagnostic] = check('single-source/conflict', VALID_ENTRY, [
      { path: 'mz.yaml', text: civilAffairs },
    ]);
    expect(diagnostic?.message.en).toBe(
      'data element "citizen identity number" (person.id-number) is also declared authoritative by 某市民政局 (mz.yaml); a data element has one authoritative source',
    );
    expect(diagnostic?.message.zh).toBe(
      '数据元「公民身份号码」（person.id-number）已由 某市民政局 声明为权威来源（mz.yaml），一个数据元素只能有一个权威来源',
    );
  });

  it('sees one element behind two keys: sfzh and gmsfhm both declaring person.id-number conflict', () => {
    const ownKey = (text: string, name: string, key: string) =>
      vary(
        '{ name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative }',
        `{ name: ${name}, key: ${key}, type: C, length: 18, source: authoritative, element: person.id-number }`,
        text,
      );
    const [diagnostic] = check('single-source/conflict', ownKey(VALID_ENTRY, '身份号码（户籍）', 'sfzh'), [
      { path: 'mz.yaml', text: ownKey(civilAffairs, '救助对象证件号', 'gmsfhm') },
    ]);
    expect(diagnostic?.message.en).toContain('data element "citizen identity number" (person.id-number)');
    expect(diagnostic?.message.en).toContain('某市民政局 (mz.yaml)');
  });

  it('resolves an item without element by its name, so differently keyed 公民身份号码 items conflict', () => {
    const sfzh = vary(
      'key: gmsfhm, type: C, length: 18, source',
      'key: sfzh, type: C, length: 18, source',
      civilAffairs,
    );
    expect(check('single-source/conflict', VALID_ENTRY, [{ path: 'mz.yaml', text: sfzh }])).toHaveLength(1);
  });

  it('keeps items of the same key apart when they declare different elements', () => {
    const other = vary(
      '{ name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative }',
      '{ name: 救助证号, key: gmsfhm, type: C, length: 18, source: authoritative, element: person.id-document-number }',
      civilAffairs,
    );
    expect(check('single-source/conflict', VALID_ENTRY, [{ path: 'mz.yaml', text: other }])).toEqual([]);
  });

  it('falls back to the item key for items of no known element', () => {
    const unknown = (text: string) =>
      vary(
        '{ name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative }',
        '{ name: 救助证号, key: jzzh, type: C, length: 18, source: authoritative }',
        text,
      );
    const [diagnostic] = check('single-source/conflict', unknown(VALID_ENTRY), [
      { path: 'mz.yaml', text: unknown(civilAffairs) },
    ]);
    expect(diagnostic?.message.en).toBe(
      'item key "jzzh" is also declared authoritative by 某市民政局 (mz.yaml); a data element has one authoritative source',
    );
  });

  it('lets one provider declare the same key in several of its resources', () => {
    const sameProvider = vary(
      '"307001030801/000012"',
      '"307001030801/000013"',
      vary('name: 户籍人口基本信息', 'name: 户籍变动信息'),
    );
    expect(check('single-source/conflict', VALID_ENTRY, [{ path: 'b.yaml', text: sameProvider }])).toEqual(
      [],
    );
  });
});
