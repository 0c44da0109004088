import gbt2260 from '@unsilo/spec/codesets/gbt-2260.json';

/** GB/T 2260 check outcome: a current code, a well-formed code no longer (or not yet) in the list, or an error. */
export type RegionStatus = 'current' | 'not-current' | 'format' | 'province';

export interface RegionResult {
  /** False only for errors; a code missing from the current list is still valid (older IDs carry such codes). */
  valid: boolean;
  status: RegionStatus;
  /** The division's name when the code is in the current list. */
  name?: string;
}

// Province prefixes (digits 1–2) per GB/T 2260 and the ID-number validators (71/83 台湾, 81 香港, 82 澳门, 91 国外).
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
  '91',
]);

let names: Map<string, string> | undefined;
/** Listed codes that are well-formed (six digits, known province), as numbers: the ones `checkRegion` calls current. */
let current: Set<number> | undefined;
/** Province prefixes as numbers (11 … 91). */
const PROVINCE_NUMBERS = new Set([...PROVINCES].map(Number));

function currentNames(): Map<string, string> {
  if (!names) {
    names = new Map();
    for (const entry of (gbt2260 as { codes: Array<{ code: string; label: string }> }).codes) {
      names.set(entry.code, entry.label);
    }
  }
  return names;
}

function currentCodes(): Set<number> {
  if (!current) {
    current = new Set();
    for (const code of currentNames().keys()) {
      const n = sixDigits(code);
      if (n >= 0 && PROVINCE_NUMBERS.has(Math.floor(n / 10000))) current.add(n);
    }
  }
  return current;
}

/** The number six ASCII digits spell, or -1 for anything else (a number is looked up without hashing text). */
function sixDigits(code: string): number {
  if (typeof code !== 'string' || code.length !== 6) return -1;
  let n = 0;
  for (let i = 0; i < 6; i++) {
    const c = code.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** True when the two digits are a known GB/T 2260 province prefix. */
export function isKnownProvince(prefix: string): boolean {
  return PROVINCES.has(prefix);
}

/** True when a two-digit number (11 … 91) is a known province prefix. */
export function isKnownProvinceNumber(prefix: number): boolean {
  return PROVINCE_NUMBERS.has(prefix);
}

/** The division name of a current GB/T 2260 code, if listed. */
export function regionName(code: string): string | undefined {
  return currentNames().get(code);
}

/**
 * Checks a 6-digit GB/T 2260 administrative division code. Codes change every year, so a well-formed code with
 * a known province that is missing from the current list is `not-current` (a warning), never an error.
 */
export function checkRegion(code: string): RegionResult {
  const status = regionStatus(code);
  if (status === 'current') return { valid: true, status, name: currentNames().get(code)! };
  return { valid: status === 'not-current', status };
}

/** The status `checkRegion` gives, without building a result (one set lookup for a current code). */
export function regionStatus(code: string): RegionStatus {
  const n = sixDigits(code);
  if (n < 0) return 'format';
  if (currentCodes().has(n)) return 'current';
  return PROVINCE_NUMBERS.has(Math.floor(n / 10000)) ? 'not-current' : 'province';
}
