import { describe, expect, it } from 'vitest';
import { lintWorkspace } from '../../engine';
import { at, check, VALID_ENTRY } from '../testing';

describe('yaml/syntax', () => {
  it('passes well-formed YAML', () => {
    expect(check('yaml/syntax', VALID_ENTRY)).toEqual([]);
  });

  it('reports a syntax error with its position instead of throwing', () => {
    const [diagnostic] = check('yaml/syntax', 'name: 户籍\nitems: [ { name: a\nshare:\n');
    expect(diagnostic?.severity).toBe('error');
    expect(diagnostic?.message.zh).toMatch(/^YAML 语法错误/);
    expect(diagnostic?.range.start.line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate keys at the second key', () => {
    const [diagnostic] = check('yaml/syntax', 'name: a\nname: b\n');
    expect(at(diagnostic)).toBe('2:1');
    expect(diagnostic?.message.zh).toContain('同一层级的键重复');
  });

  it('refuses alias bombs ("billion laughs") quickly', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      bomb.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = lintWorkspace([{ path: 'bomb.yaml', text: `${bomb.join('\n')}\n` }]);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['yaml/syntax']);
    expect(result.diagnostics[0]?.message.en).toContain('aliases expand more than');
  });

  it('can be switched off like any rule', () => {
    const result = lintWorkspace([{ path: 'x.yaml', text: 'a: [\n' }], {
      config: { rules: { 'yaml/syntax': 'off' } },
    });
    expect(result.diagnostics).toEqual([]);
  });
});
