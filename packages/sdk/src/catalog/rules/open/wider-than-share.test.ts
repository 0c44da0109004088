import { describe, expect, it } from 'vitest';
import { at, check, fixed, VALID_ENTRY, vary } from '../testing';

const openUnconditionally = vary('open:\n  type: none', 'open:\n  type: unconditional');

describe('open/wider-than-share', () => {
  it('passes a conditional share that is not open, and an unconditional share that is open', () => {
    expect(check('open/wider-than-share', VALID_ENTRY)).toEqual([]);
    const both = vary('  type: conditional', '  type: unconditional', openUnconditionally);
    expect(check('open/wider-than-share', both)).toEqual([]);
  });

  it('leaves a `none` share to open/requires-share', () => {
    const text = vary('  type: conditional', '  type: none', openUnconditionally);
    expect(check('open/wider-than-share', text)).toEqual([]);
    expect(check('open/requires-share', text).length).toBe(1);
  });

  it('reports an unconditional opening of a conditional share at open.type, with a suggestion', () => {
    const diagnostics = check(
      'open/wider-than-share',
      vary(
        '  type: none',
        '  type: 无条件开放',
        openUnconditionally.replace('open:\n  type: unconditional', 'open:\n  type: none'),
      ),
    );
    expect(diagnostics.map(at)).toEqual(['23:9']);
    expect(diagnostics[0]?.fixes.map((fix) => [fix.title.en, fix.suggestion])).toEqual([
      ['Set open.type to conditional', true],
    ]);
    expect(fixed('open/wider-than-share', openUnconditionally)).toContain('open:\n  type: conditional\n');
  });
});
