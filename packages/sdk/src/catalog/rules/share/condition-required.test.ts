import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY, vary } from '../testing';

describe('share/condition-required', () => {
  it('passes conditional sharing with a condition', () => {
    expect(check('share/condition-required', VALID_ENTRY)).toEqual([]);
  });

  it('reports conditional sharing without one, at the share key', () => {
    const [diagnostic] = check(
      'share/condition-required',
      vary('  condition: 仅用于户籍核验业务，须经市公安局审批', ''),
    );
    expect(at(diagnostic)).toBe('18:1');
    expect(diagnostic?.message.zh).toContain('写明共享条件');
  });

  it('recognises the Chinese label of the share type too', () => {
    const text = vary(
      '  condition: 仅用于户籍核验业务，须经市公安局审批',
      '',
      vary('  type: conditional', '  type: 有条件共享'),
    );
    expect(check('share/condition-required', text)).toHaveLength(1);
  });
});
