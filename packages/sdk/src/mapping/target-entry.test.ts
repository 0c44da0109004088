import { describe, expect, it } from 'vitest';
import { targetEntryOf } from './target-entry';

describe('targetEntryOf', () => {
  it('keeps code, name, record key and the items that have a key', () => {
    const parsed = {
      code: '307001030801/000012',
      name: '户籍人口基本信息',
      key: ['gmsfhm', 7],
      provider: { name: '某市公安局' },
      items: [{ key: 'gmsfhm', name: '公民身份号码', required: true }, { name: '无键' }, null, 'xm'],
    };
    expect(targetEntryOf(parsed)).toEqual({
      code: '307001030801/000012',
      name: '户籍人口基本信息',
      key: ['gmsfhm'],
      items: [{ key: 'gmsfhm', name: '公民身份号码', required: true }],
    });
  });

  it('is undefined for what is not an entry, and tolerates missing parts', () => {
    expect(targetEntryOf(undefined)).toBeUndefined();
    expect(targetEntryOf(['x'])).toBeUndefined();
    expect(targetEntryOf({ code: 12 })).toEqual({ code: '12', items: [] });
  });
});
