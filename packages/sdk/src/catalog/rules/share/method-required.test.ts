import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

describe('share/method-required', () => {
  it('passes a shared resource with a method, and offline sharing without a type', () => {
    expect(check('share/method-required', VALID_ENTRY)).toEqual([]);
    expect(
      check('share/method-required', vary('{ class: platform, type: api }', '{ class: offline }')),
    ).toEqual([]);
  });

  it('reports a shared resource without a method, or on the platform without a type', () => {
    expect(
      check('share/method-required', vary('  method: { class: platform, type: api }', ''))[0]?.message.en,
    ).toBe('a shared resource needs share.method.class (platform / offline)');
    expect(
      check('share/method-required', vary('{ class: platform, type: api }', '{ class: platform }'))[0]
        ?.message.en,
    ).toBe('sharing through the platform needs share.method.type (api / database / file)');
  });

  it('does not ask a resource that is not shared for a method', () => {
    const text = vary(
      '  method: { class: platform, type: api }',
      '',
      vary('  type: conditional', '  type: none'),
    );
    expect(check('share/method-required', text)).toEqual([]);
  });
});
