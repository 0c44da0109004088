import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

describe('open/condition-required', () => {
  it('passes conditional opening with a condition', () => {
    expect(check('open/condition-required', VALID_ENTRY)).toEqual([]);
    const text = vary('open:\n  type: none', 'open:\n  type: conditional\n  condition: 经实名注册后可下载');
    expect(check('open/condition-required', text)).toEqual([]);
  });

  it('reports conditional opening without one', () => {
    const text = vary('open:\n  type: none', 'open:\n  type: conditional');
    expect(check('open/condition-required', text)[0]?.message.zh).toBe(
      '有条件开放的资源必须在 open.condition 中写明开放条件',
    );
  });
});
