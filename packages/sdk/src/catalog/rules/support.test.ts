import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../parse';
import { itemString, itemsOf } from './support';

describe('itemString', () => {
  it('reads an item field as file.string does, for every kind of value', () => {
    const text = [
      'items:',
      '  - { name: 姓名, key: "xm", type: C, length: 0050 }',
      '  - { name: 12, key: true, type: ~, length: [1], codeset: { a: 1 } }',
      "  - name: 'it''s'",
      '    key: 1.50',
      '    type:',
      // Aliases send the file to the complete parser: its trees must agree too.
      '  - &x { name: a }',
      '  - *x',
      '',
    ].join('\n');
    for (const source of [text, text.replace(/ {2}- &x \{ name: a \}\n {2}- \*x\n/, '')]) {
      const file = parseCatalogFile('a.yaml', source);
      for (const { index, item } of itemsOf(file)) {
        for (const field of ['name', 'key', 'type', 'length', 'codeset', 'missing']) {
          expect(itemString(file, index, item, field), `${index}.${field}`).toBe(
            file.string(['items', index, field]),
          );
        }
      }
    }
  });
});
