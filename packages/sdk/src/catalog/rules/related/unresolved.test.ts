import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY, vary } from '../testing';

const related = `${VALID_ENTRY}related: ["307001030802/000003"]\n`;

describe('related/unresolved', () => {
  it('passes related codes that a workspace file declares', () => {
    const other = vary(
      '"307001030801/000012"',
      '"307001030802/000003"',
      vary('name: 户籍人口基本信息', 'name: 户籍变动信息'),
    );
    expect(check('related/unresolved', related, [{ path: 'other.yaml', text: other }])).toEqual([]);
  });

  it('warns about a code no file declares, at the code', () => {
    const [diagnostic] = check('related/unresolved', related);
    expect(at(diagnostic)).toBe('26:11');
    expect(diagnostic?.message.en).toBe(
      'related code "307001030802/000003" is not declared by any file of the workspace',
    );
  });
});
