// Builds codesets/gbt-2659-1.json: the country and region codes of GB/T 2659.1-2022 (ISO 3166-1:2020, MOD).
//
//   node packages/spec/scripts/build-gbt2659.mjs [--cache DIR]
//
// Input, read at build time only (nothing of it is committed but what is derived here): the ISO 3166-1 codes and
// names of the npm package i18n-iso-countries (MIT), fetched with `npm pack` into the cache folder (see
// npm-tarball.mjs); its sha512 is recorded in the file's `source`. Not a runtime dependency of any package.
//
// The value of a code is the three-letter code (CHN): the form public-security and education data elements store
// for 国籍 under GB/T 2659; the two-letter and numeric codes are given as fields and as aliases, so a mapping
// translating `by: name` reads CN, 156, 中国 or China as CHN.
import { updateIndex, writeJson } from './codeset-files.mjs';
import { cacheDir, tarball, untar } from './npm-tarball.mjs';

const PACKAGE = ['i18n-iso-countries', '7.14.0'];

/** Codes the package lists that ISO 3166-1 does not assign (XK Kosovo is a user-assigned code). */
const NOT_ISO = new Set(['XK']);

/**
 * Chinese names where the package's differ from the standard's: the regions of China are named 中国香港, 中国澳门
 * and 中国台湾, and EH is Western Sahara (the package gives the name of a different entity). The package's name is
 * kept as an alias. Listed in the file's `source`; keep the two in step.
 */
const NAME_OVERRIDES = { HK: '中国香港', MO: '中国澳门', TW: '中国台湾', EH: '西撒哈拉' };

const asList = (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function countries(dir) {
  const source = tarball(...PACKAGE, dir);
  const files = untar(source.bytes, (name) => /^package\/(codes\.json|langs\/(zh|en)\.json)$/.test(name));
  const codes = JSON.parse(files.get('package/codes.json'));
  const zh = JSON.parse(files.get('package/langs/zh.json')).countries;
  const en = JSON.parse(files.get('package/langs/en.json')).countries;
  const taken = new Set(codes.flatMap((row) => row.slice(0, 3)));
  const rows = codes
    .filter(([alpha2]) => !NOT_ISO.has(alpha2))
    .map(([alpha2, alpha3, numeric]) => {
      const zhNames = asList(zh[alpha2]);
      const enNames = asList(en[alpha2]);
      const label = NAME_OVERRIDES[alpha2] ?? zhNames[0];
      // A name that is some country's code is no alias (English abbreviations such as "USA" look like codes).
      const names = [...zhNames, ...enNames.slice(1)].filter((name) => name !== label && !taken.has(name));
      const aliases = [...new Set([alpha2, numeric, ...names])];
      return { code: alpha3, label, labelEn: enNames[0], alpha2, alpha3, numeric, aliases };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  return { source, rows };
}

const { source, rows } = countries(cacheDir('unsilo-gbt2659'));
const head = {
  id: 'gbt-2659-1',
  name: 'GB/T 2659.1',
  title: '世界各国和地区及其行政区划名称代码 第1部分：国家和地区代码',
  titleEn: 'Codes for the representation of names of countries and their subdivisions — Part 1: Country code',
  version: '2022',
  source: `GB/T 2659.1-2022 (ISO 3166-1:2020, MOD; replaces GB/T 2659-2000). Codes (alpha-2, alpha-3, numeric) and names from npm ${source.package} (MIT, ${source.integrity}), without the user-assigned XK; Chinese names are the package's except HK 中国香港, MO 中国澳门 and TW 中国台湾 (the regions of China as the standard names them) and EH 西撒哈拉 (Western Sahara; the package names another entity), each keeping the package's name as an alias. Value: the alpha-3 code. Built by scripts/build-gbt2659.mjs.`,
  status: 'partial',
  note: 'The codes are those of ISO 3166-1, which GB/T 2659.1-2022 adopts. The Chinese names are not checked against the standard text: they are the package’s, with the regions of China named as the standard names them (中国香港, 中国澳门, 中国台湾). The value is the three-letter code; the two-letter and numeric codes are the fields alpha2 and numeric and translate by name.',
};
writeJson('codesets/gbt-2659-1.json', head, 'codes', rows);
updateIndex(head, 'gbt-2659-1.json', rows.length);
console.log(`gbt-2659-1: ${rows.length} countries and regions from ${source.package}`);
