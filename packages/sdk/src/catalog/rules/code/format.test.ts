import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

const withCode = (code: string) => check('code/format', vary('"307001030801/000012"', JSON.stringify(code)));

describe('code/format', () => {
  it('passes 分类码/顺序码 with at least 类 项 目', () => {
    expect(check('code/format', VALID_ENTRY)).toEqual([]);
    expect(withCode('101001/1')).toEqual([]);
  });

  it('explains what is wrong', () => {
    expect(withCode('307001030801-000012')[0]?.message.en).toContain('separated by one "/"');
    expect(withCode('30700/000012')[0]?.message.en).toContain('at least 6 digits');
    expect(withCode('407001/000012')[0]?.message.en).toContain('must be 1 basic, 2 theme or 3 department');
    expect(withCode('3070A1/000012')[0]?.message.en).toContain('digits only');
    expect(withCode('307001/')[0]?.message.en).toContain('sequence code');
    expect(withCode('307001／000012')[0]?.message.zh).toContain('全角');
  });
});
