import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY, vary } from '../testing';

const RULE = 'code/segment-zero';

describe('code/segment-zero', () => {
  it('passes a code whose item and entry are numbered', () => {
    expect(check(RULE, VALID_ENTRY)).toEqual([]);
  });

  it('reports an item 00 and an entry 000', () => {
    const item = check(RULE, vary('code: "307001030801/000012"', 'code: "300001030801/000012"'));
    expect(item.map((d) => d.message.en)).toEqual([
      'resource code "300001030801/000012": item (digits 2–3) is 00; 00 and 000 number no item or entry, so give the item and entry the resource belongs to',
    ]);
    expect(at(item[0])).toBe('3:7');
    const both = check(RULE, vary('code: "307001030801/000012"', 'code: "100000/000012"'));
    expect(both[0]?.message.zh).toBe(
      '信息资源代码「100000/000012」的项（第 2–3 位）为 00、目（第 4–6 位）为 000，00、000 不是任何项或目的编号，应填写资源所属的项和目',
    );
  });

  it('leaves a malformed code to code/format', () => {
    const text = vary('code: "307001030801/000012"', 'code: "300/000012"');
    expect(check(RULE, text)).toEqual([]);
    expect(check('code/format', text)).toHaveLength(1);
  });
});
