import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

const ID_ITEM = '{ name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative }';
const withElement = (element: string) =>
  vary(
    ID_ITEM,
    `{ name: 公民身份号码, key: gmsfhm, type: C, length: 18, source: authoritative, element: ${element} }`,
  );

describe('items/element-unknown', () => {
  it('passes an element of the dictionary', () => {
    expect(check('items/element-unknown', withElement('person.id-number'))).toEqual([]);
    expect(check('items/element-unknown', VALID_ENTRY)).toEqual([]);
  });

  it('reports a near miss and offers the element it most likely means, as a suggestion', () => {
    const text = withElement('person.id-numbr');
    const [diagnostic] = check('items/element-unknown', text);
    expect(diagnostic?.severity).toBe('error');
    expect(diagnostic?.message.en).toBe(
      'data element "person.id-numbr" is not in the data-element dictionary; did you mean person.id-number (citizen identity number)?',
    );
    expect(diagnostic?.fixes.map((fix) => fix.suggestion)).toEqual([true]);
    expect(fixed('items/element-unknown', text)).toContain(
      'source: authoritative, element: person.id-number }',
    );
  });

  it('offers the id of an element written by its Chinese name', () => {
    expect(fixed('items/element-unknown', withElement('公民身份号码'))).toContain(
      'element: person.id-number }',
    );
  });

  it('reports an id far from every element without a fix', () => {
    const [diagnostic] = check('items/element-unknown', withElement('vehicle.plate'));
    expect(diagnostic?.message.zh).toBe('数据元「vehicle.plate」不在数据元字典中');
    expect(diagnostic?.fixes).toEqual([]);
  });
});
