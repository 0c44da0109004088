import { Problem } from '../problems/problem';
import { namesPrototypeKey } from './prototype-keys';
import { urlEncodedPairs } from './url-encoded';
import { utf8Text } from './utf8';

/**
 * An `application/x-www-form-urlencoded` body (the OAuth token request) as an object without a prototype. Refused
 * with 400: bytes or percent-encoding that are not UTF-8, a prototype key as a field name, a field sent twice
 * (RFC 6749 §3.2), and NUL anywhere — an HMAC key, and so scrypt (PBKDF2-HMAC inside), treats `secret` and
 * `secret\0` alike, and no identifier or secret of the exchange contains one.
 */
export function parseFormBody(bytes: Uint8Array): Record<string, string> {
  const form: Record<string, string> = Object.create(null);
  for (const pair of urlEncodedPairs(utf8Text(bytes))) {
    if (pair === undefined) {
      throw formProblem('The form is not valid percent-encoded UTF-8', '表单不是有效的百分号编码 UTF-8');
    }
    const [name, value] = pair;
    if (name.includes('\0') || value.includes('\0')) {
      throw formProblem('A form field may not contain NUL characters', '表单字段不得包含 NUL 字符');
    }
    if (namesPrototypeKey(name)) {
      throw formProblem(`The form field "${name}" is refused`, `表单字段“${name}”被拒绝`);
    }
    if (name in form) {
      throw formProblem(`The form field "${name.slice(0, 100)}" appears more than once`, '表单字段重复');
    }
    form[name] = value;
  }
  return form;
}

function formProblem(detail: string, zh: string): Problem {
  return new Problem('request.invalid', detail, { zh });
}
