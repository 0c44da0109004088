/**
 * A standard number as catalogues write it (GB/T 2261.2, GBT2261.2-2003, ＧＢ／Ｔ　２２６１．２—２００３…), read into
 * one comparable form and, where it has one, its part: "GB/T 2261.2" is part 2 of GB/T 2261.
 */
export interface CodesetReference {
  /** Upper case, half-width, without spaces, slashes, underscores and the edition year: `GBT2261.2`. */
  folded: string;
  /** The standard without its part (`GBT2261`), when the number reads as one. */
  base?: string;
  /** The part (`2` of `GB/T 2261.2`). */
  part?: string;
}

/** Dashes people type between a standard number and its year: hyphens, en and em dashes, full-width forms. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

export function readCodesetReference(value: string): CodesetReference {
  const folded = value
    .normalize('NFKC')
    .replace(DASHES, '-')
    .toUpperCase()
    .replace(/[\s/_]/g, '')
    .replace(/-(?:19|20)?\d\d$/, '');
  const number = /^([A-Z]+)(\d+)(?:\.(\d+))?$/.exec(folded);
  if (!number) return { folded };
  const [, prefix, main, part] = number;
  return { folded, base: `${prefix}${main}`, ...(part ? { part } : {}) };
}
