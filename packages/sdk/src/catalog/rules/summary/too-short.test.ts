import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';
import { codePoints } from './too-short';

const summary = 'summary: 全市户籍人口的登记信息，包括身份、出生、户籍地址等。';

describe('summary/too-short', () => {
  it('passes a descriptive summary', () => {
    expect(check('summary/too-short', VALID_ENTRY)).toEqual([]);
  });

  it('warns about a short summary or one that repeats the name', () => {
    expect(check('summary/too-short', vary(summary, 'summary: 户籍信息'))[0]?.message.en).toBe(
      'the summary has 4 characters; write at least 10',
    );
    expect(check('summary/too-short', vary(summary, 'summary: 户籍人口基本信息'))[0]?.message.zh).toContain(
      '与资源名称相同',
    );
  });
});

describe('codePoints', () => {
  it('counts as spreading the string does: pairs once, lone surrogates each', () => {
    for (const text of ['', '户籍', 'a𠀀b', '😀😀', '\ud800', 'x\udc00\ud800', '\ud83d\ude00\ud83d']) {
      expect(codePoints(text), JSON.stringify(text)).toBe([...text].length);
    }
  });
});
