import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

describe('code/class-mismatch', () => {
  it('passes when the first digit matches the class', () => {
    expect(check('code/class-mismatch', VALID_ENTRY)).toEqual([]);
  });

  it('reports a disagreement and suggests the class of the code, as a suggestion only', () => {
    const text = vary('  class: department', '  class: basic');
    const [diagnostic] = check('code/class-mismatch', text);
    expect(diagnostic?.message.en).toBe(
      'the code starts with 3, which means department (Department information resources), but classification.class is basic (Basic information resources)',
    );
    expect(fixed('code/class-mismatch', text)).toContain('  class: department');
    // The code or the class may be the wrong one: `--fix` must not choose, the editor offers it as a quick fix.
    expect(diagnostic?.fixes.map((fix) => fix.suggestion)).toEqual([true]);
  });
});
