import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));

describe('code sets', () => {
  const index = read('codesets/index.json') as {
    codesets: Array<{
      id: string;
      name: string;
      file: string;
      count: number;
      status: string;
      source: string;
    }>;
  };

  it('lists every code set file with its source, version and code count', () => {
    expect(index.codesets.map((c) => c.id)).toEqual(['gbt-2261-1', 'gbt-3304', 'gbt-2260', 'gbt-4761']);
    for (const entry of index.codesets) {
      const set = read(`codesets/${entry.file}`);
      expect(set.id).toBe(entry.id);
      expect(set.name).toBe(entry.name);
      expect(set.version).toBeTruthy();
      expect(set.source.length).toBeGreaterThan(20);
      expect(set.codes).toHaveLength(entry.count);
      expect(new Set(set.codes.map((c: { code: string }) => c.code)).size).toBe(set.codes.length);
    }
  });

  it('keeps GB/T 2261.1 sex codes as the standard numbers them', () => {
    const sex = read('codesets/gbt-2261-1.json');
    expect(sex.codes.map((c: { code: string; label: string }) => `${c.code}${c.label}`)).toEqual([
      '0未知的性别',
      '1男性',
      '2女性',
      '9未说明的性别',
    ]);
  });

  it('has the 56 ethnic groups of GB/T 3304 with numeric and letter codes', () => {
    const ethnic = read('codesets/gbt-3304.json');
    expect(ethnic.codes).toHaveLength(56);
    expect(ethnic.codes[0]).toMatchObject({ code: '01', label: '汉族', alpha: 'HA' });
    expect(ethnic.codes[55]).toMatchObject({ code: '56', label: '基诺族', alpha: 'JN' });
  });

  it('marks GB/T 4761 family relations as partially confirmed', () => {
    const family = read('codesets/gbt-4761.json');
    expect(family.status).toBe('partial');
    expect(family.codes.find((c: { code: string }) => c.code === '10')).toMatchObject({
      label: '配偶',
      confirmed: true,
    });
    expect(family.codes.find((c: { code: string }) => c.code === '02')).toMatchObject({ confirmed: false });
  });

  it('derives GB/T 2260 from the ministry list with every province prefix', () => {
    const divisions = read('codesets/gbt-2260.json');
    const provinces = divisions.codes.filter((c: { level: string }) => c.level === 'province');
    expect(provinces).toHaveLength(34);
    expect(divisions.codes.find((c: { code: string }) => c.code === '110105')).toMatchObject({
      label: '朝阳区',
    });
  });
});

describe('catalogue vocabularies', () => {
  const vocab = read('vocabularies/catalog.json');

  it('has the eleven national item data types, B being double precision', () => {
    expect(vocab.itemType.map((t: { token: string }) => t.token).join('')).toBe('CNYDTLMGBIF');
    expect(vocab.itemType.find((t: { token: string }) => t.token === 'B').zh).toBe('双精度型');
  });

  it('numbers share types, update cycles and format classes as catalogue systems do', () => {
    expect(vocab.shareType.map((t: { zh: string; code: string }) => `${t.code}${t.zh}`)).toEqual([
      '1无条件共享',
      '2有条件共享',
      '3不予共享',
    ]);
    expect(vocab.updateCycle).toHaveLength(8);
    expect(vocab.formatClass.map((f: { code: string }) => f.code).join('')).toBe('1234567');
  });
});
