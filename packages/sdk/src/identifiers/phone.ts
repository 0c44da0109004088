import type { IdentifierCheck } from './uscc';

export interface PhoneResult extends IdentifierCheck {
  /** Mobile: 11 digits; fixed line: `0AA-NNNNNNNN` (with `-EXT` when present). */
  normalized?: string;
  kind?: 'mobile' | 'landline';
}

// Mainland mobile numbers start 13–19; fixed lines: a 3–4 digit area code starting 0, then 7–8 digits.
const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
const LANDLINE = /^(?:\+?86)?(0[12]\d|0[3-9]\d{2})(\d{7,8})(?:(?:ext|转|#|-)(\d{1,6}))?$/i;
const LANDLINE_AREA = /^(?:\+?86)?(0[12]\d|0[3-9]\d{2})-(\d{7,8})(?:(?:ext|转|#|-)(\d{1,6}))?$/i;

/** Validates a mainland China telephone number (mobile or fixed line), tolerant of spaces and hyphens in mobiles. */
export function validatePhone(value: string): PhoneResult {
  if (isPlainMobile(value)) return { valid: true, kind: 'mobile', normalized: value };
  const text = value.trim();
  if (text === '') {
    return {
      valid: false,
      reason: { code: 'phone.empty', zh: '电话号码为空', en: 'the telephone number is empty' },
    };
  }
  const compact = text.replace(/[\s()（）]/g, '');
  const mobile = MOBILE.exec(compact.replace(/-/g, ''));
  if (mobile) return { valid: true, kind: 'mobile', normalized: mobile[1] };
  const landline = LANDLINE_AREA.exec(compact) ?? LANDLINE.exec(compact);
  if (landline) {
    const [, area, number, ext] = landline;
    return { valid: true, kind: 'landline', normalized: `${area}-${number}${ext ? `-${ext}` : ''}` };
  }
  return {
    valid: false,
    reason: {
      code: 'phone.format',
      zh: '不是有效的手机号码（11 位，1 开头）或固定电话（区号 + 7–8 位号码）',
      en: 'not a mobile number (11 digits starting with 1) or a fixed line (area code + 7–8 digits)',
    },
  };
}

/** 11 ASCII digits starting 13–19: a mobile number with nothing to normalize (checked without allocating). */
function isPlainMobile(value: string): boolean {
  if (value.length !== 11 || value.charCodeAt(0) !== 49) return false;
  const second = value.charCodeAt(1);
  if (second < 51 || second > 57) return false;
  for (let i = 2; i < 11; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
