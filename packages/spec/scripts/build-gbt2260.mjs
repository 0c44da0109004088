// Builds codesets/gbt-2260.json from the Ministry of Civil Affairs list kept in data/ (code,name rows).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const rows = readFileSync(here('data/gbt2260-mca-2020-12.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
const codes = rows.map((line) => {
  const [code, label] = line.split(',');
  const level = code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county';
  return { code, label, level };
});
const codeset = {
  id: 'gbt-2260',
  name: 'GB/T 2260',
  title: '中华人民共和国行政区划代码',
  titleEn: 'Administrative division codes of the People’s Republic of China',
  version: 'MCA 2020-12',
  source:
    'Ministry of Civil Affairs list of December 2020, as compiled in black-06/GB data/GB_T_2260_2007/mca_202012.csv (Apache-2.0)',
  status: 'confirmed',
  note: 'Division codes change every year; an ID number may carry a code that is no longer current, so a missing code is a warning and only an unknown province prefix is an error.',
  codes,
};
// One code per line keeps diffs of yearly updates readable.
const { codes: list, ...head } = codeset;
const body = list.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
writeFileSync(here('codesets/gbt-2260.json'), `${headJson},\n  "codes": [\n${body}\n  ]\n}\n`);
console.log(`gbt-2260: ${codes.length} codes`);
