import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY } from '../testing';

const naming = (id: string) => `${VALID_ENTRY}system: ${id}\n`;

describe('system/unknown', () => {
  it('passes a system id of the registry, and any id when no registry is configured', () => {
    expect(check('system/unknown', naming('ga-hjxt'), [], { systems: ['ga-hjxt', 'mz-hyxt'] })).toEqual([]);
    expect(check('system/unknown', naming('anything'))).toEqual([]);
  });

  it('warns about an id the registry does not list, at the id', () => {
    const [diagnostic] = check('system/unknown', naming('ga-hjxt2'), [], { systems: ['ga-hjxt'] });
    expect(diagnostic?.severity).toBe('warning');
    expect(at(diagnostic)).toBe('26:9');
    expect(diagnostic?.message.en).toBe(
      'system "ga-hjxt2" is not in the systems registry (systems of unsilo.config.yaml)',
    );
  });

  it('is silent for an entry that names no system (the report lists those)', () => {
    expect(check('system/unknown', VALID_ENTRY, [], { systems: ['ga-hjxt'] })).toEqual([]);
  });
});
