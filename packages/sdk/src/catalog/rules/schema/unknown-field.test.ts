import { describe, expect, it } from 'vitest';
import { at, check, fixed, VALID_ENTRY, vary } from '../testing';

describe('schema/unknown-field', () => {
  it('passes an entry with only known keys', () => {
    expect(check('schema/unknown-field', VALID_ENTRY)).toEqual([]);
  });

  it('reports a misspelt key at the key and renames it to the nearest known one', () => {
    const text = vary('updateCycle: daily', 'update_cycle: daily');
    const [diagnostic] = check('schema/unknown-field', text);
    expect(at(diagnostic)).toBe('24:1');
    expect(diagnostic?.message.en).toBe(
      'unknown field "update_cycle" at the top level; did you mean "updateCycle"?',
    );
    expect(fixed('schema/unknown-field', text)).toContain('\nupdateCycle: daily\n');
    expect(diagnostic?.fixes[0]?.suggestion).toBeUndefined();
  });

  it('knows the Chinese element names and nested maps, including items', () => {
    const text = vary('  condition: 仅用于', '  共享条件: 仅用于');
    expect(fixed('schema/unknown-field', text)).toContain('  condition: 仅用于');
    const item = vary(
      '{ name: 姓名, key: xm, type: C, length: 50 }',
      '{ name: 姓名, key: xm, type: C, lenght: 50 }',
    );
    expect(fixed('schema/unknown-field', item)).toContain('{ name: 姓名, key: xm, type: C, length: 50 }');
    // A close spelling is a guess: offered, not applied by --fix.
    expect(check('schema/unknown-field', item)[0]?.fixes[0]?.suggestion).toBe(true);
  });

  it('knows `required` on an item, the field the mapping engine and the exchange enforce', () => {
    const text = vary(
      '{ name: 姓名, key: xm, type: C, length: 50 }',
      '{ name: 姓名, key: xm, type: C, length: 50, required: true }',
    );
    expect(check('schema/unknown-field', text)).toEqual([]);
  });

  it('offers no rename when nothing is close or the target already exists', () => {
    const unrelated = check('schema/unknown-field', vary('updateCycle: daily', 'updateCycle: daily\nfoo: 1'));
    expect(unrelated[0]?.fixes).toEqual([]);
    const taken = check('schema/unknown-field', vary('  topic: 人口', '  topic: 人口\n  Topic: 人口'));
    expect(taken[0]?.fixes).toEqual([]);
  });
});
