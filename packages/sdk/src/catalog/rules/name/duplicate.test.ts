import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

describe('name/duplicate', () => {
  const sameName = vary('"307001030801/000012"', '"307001030801/000013"');

  it('passes the same name at different providers', () => {
    const otherProvider = vary('"11330100MB0000019K"', '"91110108551385082Q"', sameName);
    expect(check('name/duplicate', VALID_ENTRY, [{ path: 'b.yaml', text: otherProvider }])).toEqual([]);
  });

  it('reports two resources of one provider with one name, spaces ignored', () => {
    const spaced = vary('name: 户籍人口基本信息', 'name: 户籍人口 基本信息', sameName);
    const [diagnostic] = check('name/duplicate', VALID_ENTRY, [{ path: 'b.yaml', text: spaced }]);
    expect(diagnostic?.message.zh).toBe('同一提供方已有名为「户籍人口基本信息」的资源：b.yaml');
  });
});
