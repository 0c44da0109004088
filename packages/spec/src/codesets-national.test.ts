import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Code {
  code: string;
  label: string;
  aliases?: string[];
  confirmed?: boolean;
  parent?: string;
  alpha2?: string;
  alpha3?: string;
  numeric?: string;
}

const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../codesets/${file}`, import.meta.url), 'utf8')) as {
    status: string;
    source: string;
    codes: Code[];
  };
const table = (codes: Code[]) => codes.map((c) => `${c.code}${c.label}`);

describe('GB/T 2261.2 marital status', () => {
  it('has the two-digit codes of the 2003 edition, 21–23 under 20', () => {
    const set = read('gbt-2261-2.json');
    expect(table(set.codes)).toEqual([
      '10未婚',
      '20已婚',
      '21初婚',
      '22再婚',
      '23复婚',
      '30丧偶',
      '40离婚',
      '90未说明的婚姻状况',
    ]);
    expect(set.codes.filter((c) => c.parent).map((c) => c.parent)).toEqual(['20', '20', '20']);
    expect(set.source).toContain('one-digit codes');
  });
});

describe('GB/T 4762 political affiliation', () => {
  it('has the 13 codes of the standard text with its short forms as aliases', () => {
    const set = read('gbt-4762.json');
    expect(set.status).toBe('confirmed');
    expect(set.codes).toHaveLength(13);
    expect(set.codes[0]).toMatchObject({ code: '01', label: '中国共产党党员', aliases: ['中共党员'] });
    expect(set.codes[2]?.aliases).toContain('青年团员');
    expect(set.codes.at(-1)).toMatchObject({ code: '13', label: '群众' });
  });
});

describe('GB/T 4658 formal schooling', () => {
  const set = read('gbt-4658.json');

  it('places every code under a level code of the set', () => {
    const levels = new Set(set.codes.filter((c) => c.code.endsWith('0')).map((c) => c.code));
    expect([...levels]).toEqual(['10', '20', '30', '40', '60', '70', '80', '90']);
    for (const c of set.codes) {
      expect(c.parent).toBe(c.code.endsWith('0') ? undefined : `${c.code[0]}0`);
    }
    expect(set.codes).toHaveLength(40);
  });

  it('is partial, the levels the sources disagree on unconfirmed', () => {
    expect(set.status).toBe('partial');
    expect(set.codes.filter((c) => !c.confirmed).map((c) => c.code)).toEqual(['20', '30']);
  });
});

describe('GB/T 2659.1 countries and regions', () => {
  const set = read('gbt-2659-1.json');
  const byAlpha2 = new Map(set.codes.map((c) => [c.alpha2, c]));

  it('keys on the alpha-3 code and gives alpha-2 and numeric as fields and aliases', () => {
    expect(set.codes).toHaveLength(249);
    for (const c of set.codes) {
      expect(c.code).toBe(c.alpha3);
      expect(c.alpha2).toMatch(/^[A-Z]{2}$/);
      expect(c.numeric).toMatch(/^\d{3}$/);
      expect(c.aliases?.slice(0, 2)).toEqual([c.alpha2, c.numeric]);
    }
    expect(new Set(set.codes.map((c) => c.alpha2)).size).toBe(249);
    expect(new Set(set.codes.map((c) => c.numeric)).size).toBe(249);
    expect(byAlpha2.get('XK')).toBeUndefined();
  });

  it('names the regions of China as the standard does, keeping the package’s names as aliases', () => {
    expect(byAlpha2.get('CN')).toMatchObject({ code: 'CHN', label: '中国', numeric: '156' });
    expect(byAlpha2.get('HK')).toMatchObject({ code: 'HKG', label: '中国香港' });
    expect(byAlpha2.get('MO')).toMatchObject({ code: 'MAC', label: '中国澳门' });
    expect(byAlpha2.get('TW')).toMatchObject({ code: 'TWN', label: '中国台湾' });
    expect(byAlpha2.get('HK')?.aliases).toContain('香港');
    for (const override of ['HK 中国香港', 'MO 中国澳门', 'TW 中国台湾', 'EH 西撒哈拉']) {
      expect(set.source).toContain(override.split(' ')[1]);
    }
  });

  it('has no alias that is another country’s code', () => {
    const codes = new Set(set.codes.flatMap((c) => [c.alpha2, c.alpha3, c.numeric]));
    for (const c of set.codes) {
      const foreign = (c.aliases ?? []).filter((a) => codes.has(a) && a !== c.alpha2 && a !== c.numeric);
      expect(foreign).toEqual([]);
    }
  });
});

describe('GA/T 2000.156 identity documents', () => {
  it('is partial, names what is unconfirmed and has the codes systems store', () => {
    const set = read('gat-2000-156.json');
    expect(set.status).toBe('partial');
    expect(set.source).toContain('GB/T 39046-2020');
    const label = (code: string) => set.codes.find((c) => c.code === code)?.label;
    expect([label('111'), label('113'), label('414'), label('513'), label('990')]).toEqual([
      '身份证',
      '户口簿',
      '普通护照',
      '往来港澳通行证',
      '其他',
    ]);
    expect(set.codes[0]?.aliases).toEqual(['居民身份证']);
  });
});

describe('GB/T 4761 family relationships', () => {
  it('is complete as the public lists give it, confirmed only where a source names the standard', () => {
    const set = read('gbt-4761.json');
    expect(set.codes).toHaveLength(84);
    expect(set.codes.filter((c) => c.confirmed).map((c) => c.code)).toEqual(
      '01 10 11 12 20 30 50 51 52 71 73 75 77 97 99'.split(' '),
    );
    expect(table(set.codes.filter((c) => ['40', '60', '81', '96'].includes(c.code)))).toEqual([
      '40孙子、孙女或外孙子、外孙女',
      '60祖父母或外祖父母',
      '81伯父',
      '96外甥女',
    ]);
  });
});
