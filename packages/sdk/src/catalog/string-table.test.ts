import { describe, expect, it } from 'vitest';
import { StringTable } from './string-table';

describe('StringTable', () => {
  const table = new StringTable(['name', 'code', 'nine', 'type', '名称', '123', '']);

  it('slices like String#slice, whatever the table holds', () => {
    const text = 'name: nine\ncode: namex\ntype: 名称 123 n';
    for (let start = 0; start <= text.length; start++) {
      for (let end = start; end <= text.length; end++) {
        expect(table.slice(text, start, end)).toBe(text.slice(start, end));
      }
    }
  });

  it('hands out one shared copy of the strings it holds', () => {
    const shared = table.slice('a name', 2, 6);
    expect(shared).toBe('name');
    expect(table.slice('name', 0, 4)).toBe(shared);
  });
});
