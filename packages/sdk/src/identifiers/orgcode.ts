/**
 * GB 11714-1997 全国组织机构代码: 8 body characters (digits or capital letters) and one check character.
 * Printed certificates show it as `XXXXXXXX-X`; the hyphen is accepted and dropped.
 */
import type { IdentifierCheck } from './uscc';

const BODY_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const BODY_CHARS = /^[0-9A-Z]{8}$/;

/** Value of a body character: 0-9 are themselves, A = 10 … Z = 35. */
function charValue(char: string): number {
  const code = char.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** The check character for an 8-character body (undefined when the body is malformed). */
export function orgcodeCheckChar(body: string): string | undefined {
  if (!BODY_CHARS.test(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += charValue(body[i]!) * BODY_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Full-width characters typed in Chinese IMEs become ASCII; case and surrounding space do not matter. */
function normalize(value: string): string {
  return value
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

export function validateOrgcode(value: string): IdentifierCheck {
  let code = normalize(String(value ?? ''));
  if (/^[0-9A-Z]{8}-[0-9X]$/.test(code)) code = code.replace('-', '');
  if (code.length !== 9) {
    return {
      valid: false,
      reason: {
        code: 'orgcode.length',
        zh: `组织机构代码应为 9 位（8 位本体代码 + 1 位校验码），实际为 ${code.length} 位`,
        en: `an organisation code has 9 characters (8 body + 1 check), got ${code.length}`,
      },
    };
  }
  const body = code.slice(0, 8);
  if (!BODY_CHARS.test(body) || !/^[0-9X]$/.test(code[8]!)) {
    return {
      valid: false,
      reason: {
        code: 'orgcode.charset',
        zh: '组织机构代码本体只能包含数字和大写字母，校验码只能是数字或 X',
        en: 'the body may contain only digits and capital letters, the check character only a digit or X',
      },
    };
  }
  const expected = orgcodeCheckChar(body)!;
  if (expected !== code[8]) {
    return {
      valid: false,
      reason: {
        code: 'orgcode.checksum',
        zh: `校验码错误：应为 ${expected}，实际为 ${code[8]}（GB 11714）`,
        en: `check character mismatch: expected ${expected}, got ${code[8]} (GB 11714)`,
      },
    };
  }
  return { valid: true, normalized: code };
}
