import { describe, expect, it } from 'vitest';
import { canonicalKey } from './process-batch';

describe('canonicalKey', () => {
  it('is the canonical JSON of the key fields, in the order of their names', () => {
    expect(canonicalKey({ xm: '张三', gmsfhm: '11010519491231002X', nl: 3 }, ['gmsfhm', 'nl'])).toBe(
      '{"gmsfhm":"11010519491231002X","nl":3}',
    );
  });

  it('keeps a key field whatever its name: one called __proto__ is a field, not a prototype', () => {
    const record = Object.assign(Object.create(null) as Record<string, unknown>, { code: 'A1' });
    Object.defineProperty(record, '__proto__', { value: 'P9', enumerable: true });
    expect(canonicalKey(record, ['__proto__', 'code'])).toBe('{"__proto__":"P9","code":"A1"}');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
