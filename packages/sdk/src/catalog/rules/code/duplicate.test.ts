import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY, vary } from '../testing';

describe('code/duplicate', () => {
  const other = vary('name: 户籍人口基本信息', 'name: 流动人口信息');

  it('passes codes declared once in the workspace', () => {
    const distinct = vary('"307001030801/000012"', '"307001030801/000013"', other);
    expect(check('code/duplicate', VALID_ENTRY, [{ path: 'other.yaml', text: distinct }])).toEqual([]);
  });

  it('reports a code another file declares, naming that file', () => {
    const [diagnostic] = check('code/duplicate', VALID_ENTRY, [{ path: 'catalog/other.yaml', text: other }]);
    expect(at(diagnostic)).toBe('3:7');
    expect(diagnostic?.message.en).toBe(
      'resource code "307001030801/000012" is also declared in catalog/other.yaml',
    );
  });
});
