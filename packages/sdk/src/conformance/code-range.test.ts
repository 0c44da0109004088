import { describe, expect, it } from 'vitest';
import {
  CodeRangeError,
  createCodeAllocator,
  DEFAULT_CODE_RANGE,
  inRange,
  parseCodeRange,
} from './code-range';

describe('parseCodeRange', () => {
  it('reads CLASSIFICATION/FROM-TO', () => {
    expect(parseCodeRange(DEFAULT_CODE_RANGE)).toEqual({
      classification: '399999999999',
      from: 900000,
      to: 999999,
    });
  });

  it.each([
    ['399999999999', 'no range'],
    ['499999/1-2', 'class 4 does not exist'],
    ['399999/5-1', 'from after to'],
    ['399999/1-1234567', 'a sequence longer than six digits'],
    ['39/1-2', 'a classification shorter than class, 项 and 目'],
  ])('refuses %s (%s)', (text) => {
    expect(() => parseCodeRange(text)).toThrow(CodeRangeError);
  });
});

describe('createCodeAllocator', () => {
  const range = parseCodeRange('300000000001/000010-000014');

  it('skips codes the exchange holds and never hands out one twice', async () => {
    const taken = new Set(['300000000001/000012', '300000000001/000013']);
    // random 0.4 → starts at offset 2 of 5: 000012
    const next = createCodeAllocator(
      range,
      async (code) => taken.has(code),
      () => 0.4,
    );
    expect([await next(), await next(), await next()]).toEqual([
      '300000000001/000014',
      '300000000001/000010',
      '300000000001/000011',
    ]);
    await expect(next()).rejects.toThrow(CodeRangeError);
  });

  it('stops after 200 taken codes in a row instead of probing a whole range', async () => {
    const wide = parseCodeRange('300000000001/000000-999999');
    let probes = 0;
    const next = createCodeAllocator(
      wide,
      async () => {
        probes += 1;
        return true;
      },
      () => 0,
    );
    await expect(next()).rejects.toThrow(/200 codes in a row/);
    expect(probes).toBe(200);
  });

  it('knows what lies in the range', () => {
    expect(inRange(range, '300000000001/000014')).toBe(true);
    expect(inRange(range, '300000000001/000015')).toBe(false);
    expect(inRange(range, '300000000002/000010')).toBe(false);
  });
});
