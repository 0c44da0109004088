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
  it('passes one authoritative source per item key', () => {
    const notAuthoritative = civilAffairs.replace(', source: authoritative', '');
    expect(
      check('single-source/conflict', VALID_ENTRY, [{ path: 'mz.yaml', text: notAuthoritative }]),
    ).toEqual([]);
  });

  it('reports two providers claiming the same item key', () => {
    const [diagnostic] = check('single-source/conflict', VALID_ENTRY, [
      { path: 'mz.yaml', text: civilAffairs },
    ]);
    expect(diagnostic?.message.en).toBe(
      'item key "gmsfhm" is also declared authoritative by 某市民政局 (mz.yaml); a data element has one authoritative source',
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
