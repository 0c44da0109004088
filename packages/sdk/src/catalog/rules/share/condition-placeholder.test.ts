import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY, vary } from '../testing';

const withCondition = (condition: string) =>
  vary('  condition: 仅用于户籍核验业务，须经市公安局审批', `  condition: ${condition}`);

describe('share/condition-placeholder', () => {
  it('passes a real condition, and leaves an empty one to share/condition-required', () => {
    expect(check('share/condition-placeholder', VALID_ENTRY)).toEqual([]);
    const empty = withCondition('""');
    expect(check('share/condition-placeholder', empty)).toEqual([]);
    expect(check('share/condition-required', empty).length).toBe(1);
  });

  it('reports a placeholder condition at its value', () => {
    for (const placeholder of ['无', '暂无。', '待定', '"/"', '"-"', '—', 'N/A', 'TBD', '…']) {
      const diagnostics = check('share/condition-placeholder', withCondition(placeholder));
      expect({ placeholder, at: at(diagnostics[0]), count: diagnostics.length }).toEqual({
        placeholder,
        at: '20:14',
        count: 1,
      });
    }
    expect(check('share/condition-placeholder', withCondition('暂无'))[0]?.message.en).toBe(
      'the share condition "暂无" is a placeholder: state the real conditions (scope of use, approval)',
    );
  });

  it('leaves a placeholder of a resource shared unconditionally alone', () => {
    const text = vary('  type: conditional', '  type: unconditional', withCondition('无'));
    expect(check('share/condition-placeholder', text)).toEqual([]);
  });
});
