/**
 * GB 32100-2015 法人和其他组织统一社会信用代码 (unified social credit code, USCC), 18 characters:
 * 登记管理部门码 (1) + 机构类别码 (1) + 登记管理机关行政区划码 (6 digits) + 主体标识码 (9) + 校验码 (1).
 */
import { orgcodeCheckChar, validateOrgcode } from './orgcode';

/** A finding about an identifier: a stable code and a message in Chinese and English. */
export interface IdentifierReason {
  code: string;
  zh: string;
  en: string;
}

export interface IdentifierCheck {
  valid: boolean;
  /** The canonical form (trimmed, upper case, half-width) when the value is valid. */
  normalized?: string;
  /** Why the value is invalid. */
  reason?: IdentifierReason;
  /** What is doubtful about a valid value (e.g. `uscc.orgcode-checksum`); absent when nothing is. */
  warnings?: IdentifierReason[];
}

/** The 31 characters of the code (no I, O, S, V, Z); a character's value is its index. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W_i = 3^(i-1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** 登记管理部门码 → the 机构类别码 it may be followed by (GB 32100 with amendment No. 1). */
export const USCC_REGISTRATION_AUTHORITIES: Readonly<
  Record<string, { zh: string; en: string; categories: string }>
> = {
  '1': { zh: '机构编制', en: 'institutional establishment', categories: '1239' },
  '2': { zh: '外交', en: 'foreign affairs', categories: '19' },
  '3': { zh: '司法行政', en: 'judicial administration', categories: '123459' },
  '4': { zh: '文化', en: 'culture', categories: '19' },
  '5': { zh: '民政', en: 'civil affairs', categories: '1239' },
  '6': { zh: '旅游', en: 'tourism', categories: '129' },
  '7': { zh: '宗教', en: 'religious affairs', categories: '129' },
  '8': { zh: '工会', en: 'trade unions', categories: '19' },
  '9': { zh: '工商', en: 'industry and commerce', categories: '123' },
  A: { zh: '中央军委改革和编制办公室', en: 'CMC reform and establishment office', categories: '19' },
  N: { zh: '农业', en: 'agriculture', categories: '1239' },
  Y: { zh: '其他', en: 'other', categories: '1' },
};

const CHARSET = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/** The check character for the first 17 characters (undefined when they are not all in the alphabet). */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

function normalize(value: string): string {
  return value
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

function invalid(code: string, zh: string, en: string): IdentifierCheck {
  return { valid: false, reason: { code, zh, en } };
}

export function validateUscc(value: string): IdentifierCheck {
  const code = normalize(String(value ?? ''));
  if (code.length !== 18) {
    return invalid(
      'uscc.length',
      `统一社会信用代码应为 18 位，实际为 ${code.length} 位`,
      `a unified social credit code has 18 characters, got ${code.length}`,
    );
  }
  if (!CHARSET.test(code)) {
    const bad = [...code].find((c) => !USCC_ALPHABET.includes(c)) ?? '';
    return invalid(
      'uscc.charset',
      `含有不允许的字符「${bad}」（只能是数字和除 I、O、S、V、Z 以外的大写字母）`,
      `contains the character "${bad}", which is not allowed (digits and capital letters except I, O, S, V, Z)`,
    );
  }
  const authority = USCC_REGISTRATION_AUTHORITIES[code[0]!];
  if (!authority) {
    return invalid(
      'uscc.authority',
      `第 1 位登记管理部门码「${code[0]}」不存在`,
      `the registration authority code "${code[0]}" (position 1) does not exist`,
    );
  }
  if (!authority.categories.includes(code[1]!)) {
    return invalid(
      'uscc.category',
      `第 2 位机构类别码「${code[1]}」不适用于登记管理部门「${authority.zh}」`,
      `the organisation category "${code[1]}" (position 2) does not exist for the ${authority.en} authority`,
    );
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return invalid(
      'uscc.region',
      '第 3–8 位应为 6 位数字的登记管理机关行政区划码',
      'positions 3–8 must be the 6-digit administrative division code of the registering authority',
    );
  }
  const expected = usccCheckChar(code.slice(0, 17))!;
  if (expected !== code[17]) {
    return invalid(
      'uscc.checksum',
      `校验码错误：应为 ${expected}，实际为 ${code[17]}（GB 32100）`,
      `check character mismatch: expected ${expected}, got ${code[17]} (GB 32100)`,
    );
  }
  const orgcode = embeddedOrgcodeProblem(code);
  return orgcode ? { valid: true, normalized: code, warnings: [orgcode] } : { valid: true, normalized: code };
}

/**
 * Why the 主体标识码 (positions 9–17) of a normalized code fails the GB 11714 check, if it does. Some codes in force
 * fail it (early pilot codes), so it is a warning, never a reason to refuse the code.
 */
function embeddedOrgcodeProblem(code: string): IdentifierReason | undefined {
  const subject = code.slice(8, 17);
  if (validateOrgcode(subject).valid) return undefined;
  const expected = orgcodeCheckChar(subject.slice(0, 8));
  return {
    code: 'uscc.orgcode-checksum',
    zh: `第 9–17 位主体标识码「${subject}」不符合 GB 11714 校验${expected ? `（校验码应为 ${expected}，实际为 ${subject[8]}）` : ''}`,
    en: `the organisation code in positions 9–17 "${subject}" fails its GB 11714 check${expected ? ` (expected ${expected}, got ${subject[8]})` : ''}`,
  };
}

/** Whether the 主体标识码 (positions 9–17) is itself a valid GB 11714 organisation code. */
export function usccEmbedsValidOrgcode(code: string): boolean {
  return validateOrgcode(normalize(code).slice(8, 17)).valid;
}
