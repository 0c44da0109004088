import { DEFAULT_TIME_ZONE, isRealDate, localDayKey } from './calendar-date';
import { isKnownProvinceNumber, isListedRegionNumber } from './region';
import type { IdentifierCheck, IdentifierReason } from './uscc';

export interface IdcardFacts {
  /** First six digits: the GB/T 2260 code of the registration county. */
  region: string;
  /** ISO date `YYYY-MM-DD` from digits 7–14. */
  birthDate: string;
  /** GB/T 2261.1: `1` male (odd 17th digit), `2` female (even). */
  sex: '1' | '2';
}

// GB 11643 / ISO 7064 MOD 11-2: W_i = 2^(i-1) mod 11 counted from the right, the check character being i = 1.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const BODY_17 = /^\d{17}$/;

/** The MOD 11-2 check character of a 17-digit body, or `undefined` when the body is not 17 digits. */
export function idcardCheckChar(body: string): string | undefined {
  if (!BODY_17.test(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11];
}

/** True when `id` is 17 digits followed by their MOD 11-2 check character (checked without allocating). */
export function hasIdcardCheckChar(id: string): boolean {
  if (id.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += d * WEIGHTS[i]!;
  }
  return CHECK_CHARS.charCodeAt(sum % 11) === id.charCodeAt(17);
}

function digitsAt(value: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) n = n * 10 + (value.charCodeAt(i) - 48);
  return n;
}

function invalid(code: string, zh: string, en: string): IdentifierCheck {
  return { valid: false, reason: { code, zh, en } };
}

/** 17 ASCII digits and a digit or `X`: nothing to normalize (the common case, checked without allocating). */
function isPlain18(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 18) return false;
  for (let i = 0; i < 17; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const last = value.charCodeAt(17);
  return (last >= 48 && last <= 57) || last === 88;
}

/** Trims, turns full-width digits and `Ｘ` half-width and upper-cases `x`. */
function normalize(value: string): string {
  return value
    .trim()
    .replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/**
 * Validates an 18-character 公民身份号码 (GB 11643-1999): 17 digits + check character, MOD 11-2 check,
 * a known province prefix, and a real birth date not after `today` — the calendar day of `today` in `timeZone`
 * (the city's local date). Reason codes are stable: `idcard.empty|length|charset|checksum|province|birth-date`,
 * `idcard.legacy-15` for a 15-digit number. A valid number whose area code (digits 1–6) no known edition of
 * GB/T 2260 lists carries the warning `idcard.region-unknown`: the number keeps the code of first registration,
 * and the editions known start about 1998.
 */
export function validateIdcard(
  value: string,
  today: Date | string = new Date(),
  timeZone: string = DEFAULT_TIME_ZONE,
): IdentifierCheck {
  return validateIdcardBy(value, localDayKey(today, timeZone));
}

/** `validateIdcard` with "today" given as `localDayKey(today)`, for checking many numbers against one day. */
export function validateIdcardBy(value: string, todayKey: number): IdentifierCheck {
  const plain = isPlain18(value);
  const id = plain ? value : normalize(String(value ?? ''));
  if (id.length === 0) return invalid('idcard.empty', '公民身份号码为空', 'the ID number is empty');
  if (id.length === 15 && /^\d{15}$/.test(id)) return legacy15(id);
  if (id.length !== 18) {
    return invalid(
      'idcard.length',
      `公民身份号码应为 18 位，实际为 ${id.length} 位`,
      `an ID number has 18 characters, got ${id.length}`,
    );
  }
  const last = id.charCodeAt(17);
  if (!plain && (!BODY_17.test(id.slice(0, 17)) || !(last === 88 || (last >= 48 && last <= 57)))) {
    return invalid(
      'idcard.charset',
      '公民身份号码前 17 位应为数字，第 18 位为数字或 X',
      'an ID number has 17 digits followed by a digit or X',
    );
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * WEIGHTS[i]!;
  const expected = CHECK_CHARS.charCodeAt(sum % 11);
  if (expected !== last) {
    const [want, got] = [String.fromCharCode(expected), id[17]!];
    return invalid(
      'idcard.checksum',
      `校验码错误：应为 ${want}，实际为 ${got}（GB 11643）`,
      `check character mismatch: expected ${want}, got ${got} (GB 11643)`,
    );
  }
  if (!isKnownProvinceNumber(digitsAt(id, 0, 2))) {
    const prefix = id.slice(0, 2);
    return invalid(
      'idcard.province',
      `前两位「${prefix}」不是已知的省级行政区划代码`,
      `the first two digits "${prefix}" are not a known province code`,
    );
  }
  const year = digitsAt(id, 6, 4);
  const month = digitsAt(id, 10, 2);
  const day = digitsAt(id, 12, 2);
  if (year < 1800 || !isRealDate(year, month, day) || year * 10000 + month * 100 + day > todayKey) {
    const digits = id.slice(6, 14);
    return invalid(
      'idcard.birth-date',
      `第 7–14 位「${digits}」不是有效的出生日期`,
      `digits 7–14 "${digits}" are not a real birth date`,
    );
  }
  if (hasKnownArea(id)) return { valid: true, normalized: id };
  return { valid: true, normalized: id, warnings: [areaUnknown(id)] };
}

// 台湾 (71, and 83 on residence permits), 香港 (81), 澳门 (82) and 国外 (91) have no county codes to check.
const NO_COUNTY_LIST = new Set([71, 81, 82, 83, 91]);

/** Whether some edition of GB/T 2260 lists the area code (digits 1–6), or the province has no county list. */
function hasKnownArea(id: string): boolean {
  return NO_COUNTY_LIST.has(digitsAt(id, 0, 2)) || isListedRegionNumber(digitsAt(id, 0, 6));
}

function areaUnknown(id: string): IdentifierReason {
  const area = id.slice(0, 6);
  return {
    code: 'idcard.region-unknown',
    zh: `第 1–6 位地址码「${area}」不在已知的任何一版 GB/T 2260 中（已知各版始于约 1998 年）`,
    en: `area code ${area} (digits 1–6) is in no known edition of GB/T 2260 (the editions known start about 1998)`,
  };
}

/** A 15-digit number: its 18-character form when its date (YYMMDD, 19YY) is real, else why it has none. */
function legacy15(id: string): IdentifierCheck {
  if (!isRealDate(1900 + digitsAt(id, 6, 2), digitsAt(id, 8, 2), digitsAt(id, 10, 2))) {
    const digits = id.slice(6, 12);
    return invalid(
      'idcard.birth-date',
      `15 位旧号码第 7–12 位「${digits}」不是有效的出生日期`,
      `digits 7–12 "${digits}" of a 15-digit number are not a real birth date`,
    );
  }
  const upgraded = upgradeIdcard15(id)!;
  return invalid(
    'idcard.legacy-15',
    `这是 15 位旧号码（GB 11643-1989），对应的 18 位号码为 ${upgraded}`,
    `a 15-digit number (GB 11643-1989); its 18-character form is ${upgraded}`,
  );
}

/** Region, birth date and sex encoded in an 18-character number (the caller validates it first). */
export function idcardFacts(value: string): IdcardFacts {
  const seq = value.charCodeAt(16) - 48;
  return {
    region: value.slice(0, 6),
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    sex: seq % 2 === 1 ? '1' : '2',
  };
}

/**
 * Upgrades a 15-digit number (GB 11643-1989: YYMMDD without century) to 18 characters by inserting `19`
 * and appending the MOD 11-2 check character. Numbers that are already 18 characters come back unchanged
 * (with `x` upper-cased); anything else returns `undefined`. Everyone with a 15-digit number was born in
 * the 20th century, since those numbers were issued before 2000.
 */
export function upgradeIdcard15(value: string): string | undefined {
  if (value.length === 18) return value[17] === 'x' ? value.slice(0, 17) + 'X' : value;
  if (value.length !== 15 || !/^\d{15}$/.test(value)) return undefined;
  const body = `${value.slice(0, 6)}19${value.slice(6)}`;
  return body + idcardCheckChar(body)!;
}
