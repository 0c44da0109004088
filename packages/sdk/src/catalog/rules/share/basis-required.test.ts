import { describe, expect, it } from 'vitest';
import { check, vary } from '../testing';

const notShared = vary(
  '  method: { class: platform, type: api }',
  '',
  vary('  type: conditional', '  type: none'),
);

describe('share/basis-required', () => {
  it('passes `none` with a legal basis', () => {
    const text = vary(
      '仅用于户籍核验业务，须经市公安局审批',
      '《中华人民共和国居民身份证法》第六条',
      notShared,
    );
    expect(check('share/basis-required', text)).toEqual([]);
  });

  it('reports `none` without a basis', () => {
    const text = vary('  condition: 仅用于户籍核验业务，须经市公安局审批', '', notShared);
    expect(check('share/basis-required', text)[0]?.message.en).toBe(
      'a resource that is not shared must give the legal or policy basis in share.condition',
    );
  });
});
