import { afterEach, describe, expect, it } from 'vitest';
import { defaultValidateResponses } from './environment';

const original = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = original;
});

describe('defaultValidateResponses', () => {
  it('validates outside production and skips it in production', () => {
    process.env.NODE_ENV = 'development';
    expect(defaultValidateResponses()).toBe(true);
    process.env.NODE_ENV = 'production';
    expect(defaultValidateResponses()).toBe(false);
  });

  it('validates where there is no process (browsers, workers)', () => {
    const saved = globalThis.process;
    try {
      // @ts-expect-error simulate a runtime without `process`
      globalThis.process = undefined;
      expect(defaultValidateResponses()).toBe(true);
    } finally {
      globalThis.process = saved;
    }
  });
});
