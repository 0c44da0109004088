import { describe, expect, it } from 'vitest';
import { ENTRY_VOCABULARY_FIELDS, vocabularyAt } from './vocabulary';

describe('vocabularyAt', () => {
  it('names the vocabulary of each coded field of an entry, items included', () => {
    expect(vocabularyAt(['share', 'type'])).toBe('shareType');
    expect(vocabularyAt(['share', 'method', 'class'])).toBe('shareMethodClass');
    expect(vocabularyAt(['updateCycle'])).toBe('updateCycle');
    expect(vocabularyAt(['items', 3, 'type'])).toBe('itemType');
    expect(ENTRY_VOCABULARY_FIELDS.map(([path]) => vocabularyAt(path))).toEqual([
      'classificationClass',
      'formatClass',
      'shareType',
      'shareMethodClass',
      'shareMethodType',
      'openType',
      'secrecy',
      'updateCycle',
    ]);
  });

  it('names none for free-text fields, prefixes of coded fields and item fields other than type', () => {
    expect(vocabularyAt(['name'])).toBeUndefined();
    expect(vocabularyAt(['share'])).toBeUndefined();
    expect(vocabularyAt(['share', 'type', 'x'])).toBeUndefined();
    expect(vocabularyAt(['items', 0, 'name'])).toBeUndefined();
    expect(vocabularyAt(['items', 'type'])).toBeUndefined();
  });
});
