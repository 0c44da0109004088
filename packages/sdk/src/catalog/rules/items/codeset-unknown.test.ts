import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';

describe('items/codeset-unknown', () => {
  it('passes registered code sets, by name, id or name with year', () => {
    expect(check('items/codeset-unknown', VALID_ENTRY)).toEqual([]);
    expect(check('items/codeset-unknown', vary('codeset: GB/T 2261.1', 'codeset: gbt-2261-1'))).toEqual([]);
    expect(check('items/codeset-unknown', vary('codeset: GB/T 2261.1', 'codeset: GB/T 2261.1-2003'))).toEqual(
      [],
    );
  });

  it('reports an unregistered code set and offers the nearest', () => {
    const text = vary('codeset: GB/T 2261.1', 'codeset: GBT2261.1');
    expect(check('items/codeset-unknown', text)[0]?.message.en).toContain('did you mean "GB/T 2261.1"?');
    expect(fixed('items/codeset-unknown', text)).toContain('codeset: GB/T 2261.1 }');
    expect(check('items/codeset-unknown', text)[0]?.fixes[0]?.suggestion).toBeUndefined();
    // A close spelling may be another standard: offered, not applied by --fix.
    const close = check('items/codeset-unknown', vary('codeset: GB/T 2261.1', 'codeset: GB/T 2216.1'));
    expect(close[0]?.fixes.map((fix) => fix.suggestion)).toEqual([true]);
    const unrelated = check('items/codeset-unknown', vary('codeset: GB/T 2261.1', 'codeset: 本局自定义'));
    expect(unrelated[0]?.fixes).toEqual([]);
  });
});

describe('items/codeset-unknown with multi-part standards', () => {
  const sex = '{ name: 性别, key: xb, type: C, length: 1, codeset: GB/T 2261.1 }';
  const marital = (codeset: string) =>
    vary(sex, `{ name: 婚姻状况, key: hyzk, type: C, length: 2, codeset: ${codeset} }`);

  it('knows GB/T 2261.2 and the other national sets, by name, id or name with year', () => {
    for (const codeset of ['GB/T 2261.2', 'gbt-2261-2', 'GB/T 2261.2-2003', 'GB/T 2659.1', 'GA/T 2000.156']) {
      expect(check('items/codeset-unknown', marital(codeset))).toEqual([]);
    }
  });

  it('fixes another spelling of GB/T 2261.2 to part 2, never to part 1', () => {
    for (const spelling of [
      'GB/T2261.2',
      'GBT 2261.2-2003',
      'GB/T 2261.2—2003',
      'ＧＢ／Ｔ　２２６１．２',
      'gb/t 2261.2–2003',
    ]) {
      const [diagnostic] = check('items/codeset-unknown', marital(`"${spelling}"`));
      expect([spelling, diagnostic?.fixes.map((fix) => [fix.title.en, fix.suggestion])]).toEqual([
        spelling,
        [['Change to GB/T 2261.2', undefined]],
      ]);
    }
    expect(fixed('items/codeset-unknown', marital('GBT 2261.2-2003'))).toContain('codeset: GB/T 2261.2 }');
  });

  it('never changes the part of an unregistered part, and says which parts are registered', () => {
    for (const spelling of ['GB/T 2261.3', 'GB/T 2261.3-2003', 'GB/T 2261.4']) {
      const [diagnostic] = check('items/codeset-unknown', marital(`"${spelling}"`));
      expect([spelling, diagnostic?.fixes]).toEqual([spelling, []]);
      expect(diagnostic?.message.zh).toContain('GB/T 2261 已登记的部分：GB/T 2261.1、GB/T 2261.2');
    }
  });

  it('offers each registered part of a reference without a part, the one the item name suggests first', () => {
    const [diagnostic] = check('items/codeset-unknown', marital('GB/T 2261'));
    expect(diagnostic?.fixes.map((fix) => [fix.title.en, fix.suggestion])).toEqual([
      ['Change to GB/T 2261.2', true],
      ['Change to GB/T 2261.1', true],
    ]);
    const [country] = check('items/codeset-unknown', marital('GB/T 2659-2000'));
    expect(country?.fixes.map((fix) => [fix.title.en, fix.suggestion])).toEqual([
      ['Change to GB/T 2659.1', true],
    ]);
  });
});
