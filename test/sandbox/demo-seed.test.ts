import { describe, expect, it } from 'vitest';
import { validateUscc } from '../../packages/sdk/src/identifiers/uscc';
import { demoSeed } from './support/demo';

describe('the demo seed', () => {
  it.each(demoSeed.departments.map((d) => [d.name, d.code]))(
    '%s has a valid 统一社会信用代码 %s (GB 32100)',
    (_name, code) => {
      expect(validateUscc(code)).toMatchObject({ valid: true, normalized: code });
    },
  );

  it('gives every department distinct codes, ids and client ids', () => {
    const all = demoSeed.departments;
    expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    expect(new Set(all.flatMap((d) => d.clients.map((c) => c.clientId))).size).toBe(all.length);
  });

  it('would catch a wrong check character', () => {
    const code = demoSeed.departments[0]!.code;
    const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    expect(validateUscc(wrong).valid).toBe(false);
  });
});
