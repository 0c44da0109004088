import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

describe('code/class-mismatch', () => {
  it('passes when the first digit matches the class', () => {
    expect(check('code/class-mismatch', VALID_ENTRY)).toEqual([]);
  });

  it('reports a disagreement and changes the class', () => {
    const text = vary('  class: department', '  class: basic');
    const [diagnostic] = check('code/class-mismatch', text);
    expect(diagnostic?.message.en).toBe(
      'the code starts with 3, which means department (Department information resources), but classification.class is basic (Basic information resources)',
    );
    expect(fixed('code/class-mismatch', text)).toContain('  class: department');
  });
});
