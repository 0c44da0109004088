import { vocabularies } from '@unsilo/sdk/catalog';
import { standardCodesets } from '@unsilo/sdk/mapping';
import { describe, expect, it } from 'vitest';
import { codesetByName, codesets, vocabularyFor } from './vocabulary';

describe("the editor's vocabularies and code sets", () => {
  it("are the linter's vocabularies, field by field", () => {
    expect(vocabularyFor(['share', 'type'])).toBe(vocabularies.shareType);
    expect(vocabularyFor(['items', 2, 'type'])).toBe(vocabularies.itemType);
    expect(vocabularyFor(['name'])).toBeUndefined();
  });

  it("list the registered code sets with the mapping compiler's codes", () => {
    expect(codesets.map((set) => set.name)).toEqual([
      'GB/T 2261.1',
      'GB/T 3304',
      'GB/T 2260',
      'GB/T 4761',
      'GB/T 2261.2',
      'GB/T 4658',
      'GB/T 4762',
      'GB/T 2659.1',
      'GA/T 2000.156',
    ]);
    const sexes = codesets.find((set) => set.id === 'gbt-2261-1');
    expect(sexes?.codes).toBe(standardCodesets.get('gbt-2261-1')?.codes);
    expect(sexes?.titleEn).toBe(
      'Classification and codes of personal basic information — Part 1: Human sexes',
    );
  });

  it('find a code set by every spelling the mapping compiler accepts', () => {
    for (const spelling of ['GB/T 2261.1', 'gb/t 2261.1', 'gbt-2261-1', 'GB/T 2261.1-2003']) {
      expect(codesetByName(spelling)?.id).toBe('gbt-2261-1');
    }
    expect(codesetByName('GB/T 9999')).toBeUndefined();
  });
});
