import gbt2260 from '@unsilo/spec/codesets/gbt-2260.json';
import gbt2260History from '@unsilo/spec/codesets/gbt-2260-history.json';

/**
 * GB/T 2260 check outcome: a current code; a code an earlier edition listed (`abolished`); a well-formed code with a
 * known province that no edition lists (`unknown`); or an error (`format`, `province`).
 */
export type RegionStatus = 'current' | 'abolished' | 'unknown' | 'format' | 'province';

export interface RegionResult {
  /** False only for errors: older records and ID numbers carry codes that are no longer current. */
  valid: boolean;
  status: RegionStatus;
  /** The division's name: of the current list, or the last name an earlier edition gave an abolished code. */
  name?: string;
  /** For an abolished code: the last edition that lists it (e.g. `MCA 2020-12`). */
  lastListed?: string;
  /** For an abolished code: the year of the first later edition without it (it was gone by then). */
  ended?: number;
}

/** A code no longer listed, as `@unsilo/spec/codesets/gbt-2260-history.json` gives it. */
export interface AbolishedCode {
  code: string;
  label: string;
  lastListed: string;
  ended: number;
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
let abolished: Map<number, AbolishedCode> | undefined;
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

function abolishedCodes(): Map<number, AbolishedCode> {
  if (!abolished) {
    abolished = new Map();
    for (const entry of (gbt2260History as { abolished: AbolishedCode[] }).abolished) {
      const { code, label, lastListed, ended } = entry;
      abolished.set(sixDigits(code), { code, label, lastListed, ended });
    }
  }
  return abolished;
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

/** True when some edition of GB/T 2260 known here lists the code (given as a number, e.g. 330103), current or not. */
export function isListedRegionNumber(code: number): boolean {
  return currentCodes().has(code) || abolishedCodes().has(code);
}

/** The division name of a current GB/T 2260 code, if listed. */
export function regionName(code: string): string | undefined {
  return currentNames().get(code);
}

/** What the history says of a code no longer listed, or `undefined`. */
export function abolishedRegion(code: string): AbolishedCode | undefined {
  return abolishedCodes().get(sixDigits(code));
}

/**
 * Checks a 6-digit GB/T 2260 administrative division code. Codes change every year, so a well-formed code with a
 * known province that is not current is `abolished` (with its name and end year) or `unknown` — both warnings,
 * never errors.
 */
export function checkRegion(code: string): RegionResult {
  const status = regionStatus(code);
  if (status === 'current') return { valid: true, status, name: currentNames().get(code)! };
  if (status === 'abolished') {
    const { label, lastListed, ended } = abolishedRegion(code)!;
    return { valid: true, status, name: label, lastListed, ended };
  }
  return { valid: status === 'unknown', status };
}

/** The status `checkRegion` gives, without building a result (one set lookup for a current code). */
export function regionStatus(code: string): RegionStatus {
  const n = sixDigits(code);
  if (n < 0) return 'format';
  if (currentCodes().has(n)) return 'current';
  if (!PROVINCE_NUMBERS.has(Math.floor(n / 10000))) return 'province';
  return abolishedCodes().has(n) ? 'abolished' : 'unknown';
}
