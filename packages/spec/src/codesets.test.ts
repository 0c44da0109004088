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
    expect(index.codesets.map((c) => c.id)).toEqual([
      'gbt-2261-1',
      'gbt-3304',
      'gbt-2260',
      'gbt-4761',
      'gbt-2261-2',
      'gbt-4658',
      'gbt-4762',
      'gbt-2659-1',
      'gat-2000-156',
    ]);
    for (const entry of index.codesets) {
      const set = read(`codesets/${entry.file}`);
      expect(set.id).toBe(entry.id);
      expect(set.name).toBe(entry.name);
      expect(set.version).toBeTruthy();
      expect(set.source.length).toBeGreaterThan(20);
      expect(set.codes).toHaveLength(entry.count);
      expect(new Set(set.codes.map((c: { code: string }) => c.code)).size).toBe(set.codes.length);
      expect([set.version, set.source, set.status]).toEqual([entry.version, entry.source, entry.status]);
      expect(['confirmed', 'partial']).toContain(set.status);
    }
  });

  it('gives every code the form its standard writes', () => {
    const forms: Record<string, RegExp> = {
      'gbt-2261-1': /^\d$/,
      'gbt-3304': /^\d{2}$/,
      'gbt-2260': /^\d{6}$/,
      'gbt-4761': /^\d{2}$/,
      'gbt-2261-2': /^\d{2}$/,
      'gbt-4658': /^\d{2}$/,
      'gbt-4762': /^\d{2}$/,
      'gbt-2659-1': /^[A-Z]{3}$/,
      'gat-2000-156': /^\d{3}$/,
    };
    for (const entry of index.codesets) {
      const codes = read(`codesets/${entry.file}`).codes as Array<{ code: string; label: string }>;
      expect(codes.filter((c) => !forms[entry.id]?.test(c.code) || c.label.trim() === '')).toEqual([]);
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

  it('has the 56 ethnic groups of GB/T 3304 with numeric and letter codes, and 97 and 98', () => {
    const ethnic = read('codesets/gbt-3304.json');
    expect(ethnic.codes).toHaveLength(58);
    expect(ethnic.codes[0]).toMatchObject({ code: '01', label: '汉族', alpha: 'HA' });
    expect(ethnic.codes[55]).toMatchObject({ code: '56', label: '基诺族', alpha: 'JN' });
    expect(ethnic.codes.slice(56).map((c: { code: string; label: string }) => `${c.code}${c.label}`)).toEqual(
      ['97其他', '98外国血统中国籍人士'],
    );
  });

  it('gives every ethnic group the letter code of the GB 3304-91 table (水族 is SU)', () => {
    // Table 1 of GB 3304-91 (ordered by strokes), as transcribed on zh.wikisource.org: letter code + numeric code.
    const table =
      'TJ15 TU30 MB54 SU25 MN36 UZ43 BY09 BL34 DX26 GL37 ML32 BA14 HA01 DU31 HU03 VA21 ZH08 QI33 AC39 NX27 LH24 ' +
      'MH06 DO12 GI49 KG29 HN16 KZ17 BN47 RS44 DR51 NU42 LB55 GS23 JN56 OR52 EW45 UG05 TA41 TT50 CS10 JP28 DA18 ' +
      'LS20 SH22 PM40 YG48 MG02 XB38 MA11 YA13 HZ53 SL35 DE46 LI19 ZA04 YI07';
    const standard = Object.fromEntries(table.split(' ').map((pair) => [pair.slice(2), pair.slice(0, 2)]));
    const ethnic = read('codesets/gbt-3304.json');
    const ours = Object.fromEntries(
      ethnic.codes
        .filter((c: { alpha?: string }) => c.alpha)
        .map((c: { code: string; alpha: string }) => [c.code, c.alpha]),
    );
    expect(Object.keys(standard)).toHaveLength(56);
    expect(ours).toEqual(standard);
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

  it('derives GB/T 2260 from the list of 2023-06-30 with every province prefix', () => {
    const divisions = read('codesets/gbt-2260.json');
    expect(divisions.version).toBe('2023-06-30');
    const provinces = divisions.codes.filter((c: { level: string }) => c.level === 'province');
    expect(provinces).toHaveLength(34);
    const label = (code: string) => divisions.codes.find((c: { code: string }) => c.code === code)?.label;
    expect(label('110105')).toBe('朝阳区');
    expect([label('330113'), label('330114')]).toEqual(['临平区', '钱塘区']);
    expect([label('330103'), label('330104')]).toEqual([undefined, undefined]);
  });

  it('leaves out the statistics-only development-zone codes (county digits 7x)', () => {
    const divisions = read('codesets/gbt-2260.json');
    expect(divisions.codes.filter((c: { code: string }) => c.code[4] === '7')).toEqual([]);
  });

  it('keeps every code an earlier edition listed, with the year it was gone by and where it was listed', () => {
    const history = read('codesets/gbt-2260-history.json');
    const current = new Set(read('codesets/gbt-2260.json').codes.map((c: { code: string }) => c.code));
    const byCode = new Map(history.abolished.map((c: { code: string }) => [c.code, c]));
    expect(byCode.get('330103')).toEqual({
      code: '330103',
      label: '下城区',
      level: 'county',
      lastListed: 'MCA 2020-12',
      ended: 2021,
    });
    expect(byCode.get('330104')).toMatchObject({ label: '江干区', ended: 2021 });
    expect(byCode.get('110103')).toMatchObject({ label: '崇文区', lastListed: 'MCA 2009-12', ended: 2010 });
    const editions = new Set(history.editions.map((e: { id: string }) => e.id));
    for (const entry of history.abolished) {
      expect(current.has(entry.code)).toBe(false);
      expect(editions.has(entry.lastListed)).toBe(true);
    }
    for (const edition of history.editions) expect(edition.source.length).toBeGreaterThan(20);
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
