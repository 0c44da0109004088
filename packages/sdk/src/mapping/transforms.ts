import { isRealDate } from '../identifiers/calendar-date';
import { upgradeIdcard15 } from '../identifiers/idcard';

/** Full-width ASCII (U+FF01–FF5E) and the ideographic space (U+3000) → their half-width forms. */
export function halfwidth(value: string): string {
  let i = 0;
  const n = value.length;
  // Most values are already half-width: scan once before allocating.
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) break;
    i++;
  }
  if (i === n) return value;
  let out = value.slice(0, i);
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3000) out += ' ';
    else if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else out += value[i];
  }
  return out;
}

/** A compiled date reader: an ISO `YYYY-MM-DD` string, or `undefined` when the text matches no format. */
export type DateReader = (value: string) => string | undefined;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1 || year > 9999 || !isRealDate(year, month, day)) return undefined;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

// Excel stores dates as days since 1899-12-30 (serial 60 is the non-existent 1900-02-29 of Lotus 1-2-3).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466 || serial === 60) return undefined;
  const days = Math.floor(serial) + (serial < 60 ? 1 : 0);
  const d = new Date(EXCEL_EPOCH_MS + days * DAY_MS);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const EXCEL_SERIAL = /^\d{1,7}(?:\.\d+)?$/;

function readIso(value: string): string | undefined {
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-') return undefined;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) ? iso(y, m, d) : undefined;
}

function readCompact(value: string): string | undefined {
  if (value.length !== 8) return undefined;
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  const year = Math.floor(n / 10000);
  if (year < 1 || !isRealDate(year, Math.floor(n / 100) % 100, n % 100)) return undefined;
  // What `iso` writes for these digits, made in one allocation.
  const v = value;
  return String.fromCharCode(
    v.charCodeAt(0),
    v.charCodeAt(1),
    v.charCodeAt(2),
    v.charCodeAt(3),
    45,
    v.charCodeAt(4),
    v.charCodeAt(5),
    45,
    v.charCodeAt(6),
    v.charCodeAt(7),
  );
}

const TOKEN = /YYYY|MM|M|DD|D/g;

/** Turns a pattern such as `YYYY年M月D日` into a reader. Tokens: YYYY, MM, M, DD, D; everything else is literal. */
function compileDatePattern(format: string): DateReader {
  if (format === 'YYYYMMDD') return readCompact;
  if (format === 'YYYY-MM-DD') return readIso;
  if (format === 'excel') {
    return (value) => (EXCEL_SERIAL.test(value) ? excelSerialToIso(Number(value)) : undefined);
  }
  const order: Array<'y' | 'm' | 'd'> = [];
  let source = '^';
  let last = 0;
  for (const match of format.matchAll(TOKEN)) {
    source += escapeRegExp(format.slice(last, match.index));
    const token = match[0];
    if (token === 'YYYY') source += '(\\d{4})';
    else if (token === 'MM' || token === 'DD') source += '(\\d{2})';
    else source += '(\\d{1,2})';
    order.push(token[0] === 'Y' ? 'y' : token[0] === 'M' ? 'm' : 'd');
    last = match.index + token.length;
  }
  source += `${escapeRegExp(format.slice(last))}$`;
  const re = new RegExp(source);
  const yi = order.indexOf('y') + 1;
  const mi = order.indexOf('m') + 1;
  const di = order.indexOf('d') + 1;
  return (value) => {
    const m = re.exec(value);
    return m ? iso(Number(m[yi]), Number(m[mi]), Number(m[di])) : undefined;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Why a date format cannot be used, or `undefined` when it is fine. */
export function dateFormatProblem(format: string): string | undefined {
  if (format === 'excel') return undefined;
  const tokens = format.match(TOKEN) ?? [];
  const kinds = tokens
    .map((t) => t[0])
    .sort()
    .join('');
  return kinds === 'DMY' ? undefined : format;
}

/**
 * Compiles a list of legacy date formats into one reader that tries them in order and always accepts ISO dates
 * (so already-converted values pass through).
 */
export function compileDateReader(formats: readonly string[]): DateReader {
  const readers = [readIso, ...formats.filter((f) => f !== 'YYYY-MM-DD').map(compileDatePattern)];
  if (readers.length === 2) {
    const [a, b] = readers as [DateReader, DateReader];
    return (value) => a(value) ?? b(value);
  }
  return (value) => {
    for (const read of readers) {
      const out = read(value);
      if (out !== undefined) return out;
    }
    return undefined;
  };
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** `1,234,567.50` / `1 234 567,50` (with `decimalSeparator: ","`) → `1234567.50`; `undefined` when not a number. */
export function compileNumberReader(decimalSeparator = '.'): (value: string) => string | undefined {
  const group = decimalSeparator === ',' ? /[\s.'，_]/g : /[\s,'，_]/g;
  return (value) => {
    if (isAsciiDigits(value)) return value;
    let text = value.replace(group, '');
    if (decimalSeparator === ',') text = text.replace(',', '.');
    if (!NUMBER.test(text)) return undefined;
    return text[0] === '+' ? text.slice(1) : text;
  };
}

/** One or more ASCII digits and nothing else: a number every reader and check takes as it is. */
export function isAsciiDigits(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `upper` / `lower`: ASCII text that has no letter of the other case is returned as it is, without a copy. */
export function toUpper(value: string): string {
  return asciiWithout(value, 97) ? value : value.toUpperCase();
}

export function toLower(value: string): string {
  return asciiWithout(value, 65) ? value : value.toLowerCase();
}

/** All ASCII, and no letter in the 26 codes from `from` (97: a–z, 65: A–Z). */
function asciiWithout(value: string, from: number): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 127 || (c >= from && c < from + 26)) return false;
  }
  return true;
}

/** `idcard18`: 15-digit numbers become 18 characters; 18-character ones get an upper-case X; others pass. */
export function idcard18(value: string): string | undefined {
  if (value.length === 15) return upgradeIdcard15(value);
  if (value.length === 18 && value.charCodeAt(17) === 0x78) return value.slice(0, 17) + 'X';
  return value;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 2);
  const d = digits(value, 8, 2);
  if (y >= 0 && m >= 0 && d >= 0) return isRealDate(y, m, d);
  // Not all ASCII digits: what `Number` makes of the parts (as it always has, e.g. a leading space).
  const ny = Number(value.slice(0, 4));
  const nm = Number(value.slice(5, 7));
  const nd = Number(value.slice(8, 10));
  return Number.isInteger(ny) && Number.isInteger(nm) && Number.isInteger(nd) && isRealDate(ny, nm, nd);
}

/** The number written by `length` ASCII digits at `start`, or -1 when one of them is not a digit. */
function digits(value: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
