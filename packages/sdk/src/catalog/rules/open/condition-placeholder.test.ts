import { describe, expect, it } from 'vitest';
import { at, check, vary } from '../testing';

const openWith = (condition: string) =>
  vary('open:\n  type: none', `open:\n  type: conditional\n  condition: ${condition}`);

describe('open/condition-placeholder', () => {
  it('passes a real condition, and leaves an empty one to open/condition-required', () => {
    expect(check('open/condition-placeholder', openWith('注册用户经申请后可下载'))).toEqual([]);
    const empty = openWith('""');
    expect(check('open/condition-placeholder', empty)).toEqual([]);
    expect(check('open/condition-required', empty).length).toBe(1);
  });

  it('reports a placeholder condition at its value', () => {
    const diagnostics = check('open/condition-placeholder', openWith('不详'));
    expect(diagnostics.map((d) => [at(d), d.severity, d.message.zh])).toEqual([
      ['24:14', 'error', '开放条件「不详」只是占位符：有条件开放须写明实际条件'],
    ]);
  });
});
