import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

describe('name/whitespace', () => {
  it('passes tidy names', () => {
    expect(check('name/whitespace', VALID_ENTRY)).toEqual([]);
  });

  it('reports and trims stray, double and full-width spaces in resource, provider and item names', () => {
    let text = vary('name: 户籍人口基本信息', 'name: " 户籍人口  基本信息 "');
    text = vary('  name: 某市公安局', '  name: 某市　公安局', text);
    text = vary('{ name: 姓名,', '{ name: "姓名 ",', text);
    expect(check('name/whitespace', text).map((d) => d.message.en)).toEqual([
      'the name " 户籍人口  基本信息 " has leading or trailing spaces',
      'the name "某市　公安局" contains a full-width space',
      'the name "姓名 " has leading or trailing spaces',
    ]);
    const result = fixed('name/whitespace', text);
    expect(result).toContain('name: 户籍人口 基本信息\n');
    expect(result).toContain('  name: 某市公安局\n');
    expect(result).toContain('{ name: 姓名,');
  });
});
