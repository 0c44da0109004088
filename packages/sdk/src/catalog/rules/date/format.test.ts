import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';
import { toIsoDate } from './format';

describe('date/format', () => {
  it('passes an ISO date', () => {
    expect(check('date/format', VALID_ENTRY)).toEqual([]);
  });

  it('converts Chinese and slashed dates', () => {
    const text = vary('publishedAt: 2019-05-10', 'publishedAt: 2017年11月10日');
    expect(check('date/format', text)[0]?.message.en).toBe(
      'publishedAt "2017年11月10日" is not a valid CCYY-MM-DD date; write 2017-11-10',
    );
    expect(fixed('date/format', text)).toContain('publishedAt: 2017-11-10\n');
    expect(toIsoDate('2017/11/10')).toBe('2017-11-10');
    expect(toIsoDate('2017.1.5')).toBe('2017-01-05');
    expect(toIsoDate('20171110')).toBe('2017-11-10');
  });

  it('reports impossible dates without a fix', () => {
    const [diagnostic] = check('date/format', vary('publishedAt: 2019-05-10', 'publishedAt: 2019-02-30'));
    expect(diagnostic?.fixes).toEqual([]);
    expect(toIsoDate('2019年2月30日')).toBeUndefined();
  });
});
