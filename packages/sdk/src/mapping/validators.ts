import { dayKey, validateIdcardBy } from '../identifiers/idcard';
import { validateOrgcode } from '../identifiers/orgcode';
import { validatePhone } from '../identifiers/phone';
import { regionStatus } from '../identifiers/region';
import { validateUscc } from '../identifiers/uscc';
import { isIsoDate } from './transforms';
import type { CheckSpec, RowIssue } from './types';

/** A compiled value check: pushes an issue and returns false (reject), or records a warning and returns true. */
export type ValueCheck = (value: string, sink: IssueSink) => boolean;

export interface IssueSink {
  error(issue: RowIssue): void;
  warning(issue: RowIssue): void;
}

export interface CheckOptions {
  today?: Date;
}

/** The name of a check spec (`idcard`, `length`, `pattern`…), or `undefined` for an unknown shape. */
export function checkName(spec: CheckSpec): string | undefined {
  if (typeof spec === 'string') return spec;
  if (spec && typeof spec === 'object') {
    const keys = Object.keys(spec);
    return keys.length === 1 ? keys[0] : undefined;
  }
  return undefined;
}

export const KNOWN_CHECKS = [
  'idcard',
  'uscc',
  'orgcode',
  'region',
  'phone',
  'date',
  'length',
  'pattern',
] as const;

/**
 * Compiles one check for one field. Throws an `Error` whose message is `code|en|zh` when the spec cannot be
 * compiled (the caller turns it into a diagnostic).
 */
export function compileCheck(field: string, spec: CheckSpec, options: CheckOptions = {}): ValueCheck {
  const name = checkName(spec);
  const issue = (rule: string, value: string, en: string, zh: string): RowIssue => ({
    field,
    rule,
    value,
    message: en,
    zh,
  });
  switch (name) {
    case 'idcard': {
      const todayKey = dayKey(options.today ?? new Date());
      return (value, sink) => {
        const result = validateIdcardBy(value, todayKey);
        if (result.valid) return true;
        sink.error(
          issue(
            'idcard',
            value,
            `invalid ID number: ${result.reason!.en}`,
            `公民身份号码无效：${result.reason!.zh}`,
          ),
        );
        return false;
      };
    }
    case 'uscc':
      return (value, sink) => {
        const result = validateUscc(value);
        if (result.valid) return true;
        sink.error(
          issue(
            'uscc',
            value,
            `invalid unified social credit code: ${result.reason!.en}`,
            `统一社会信用代码无效：${result.reason!.zh}`,
          ),
        );
        return false;
      };
    case 'orgcode':
      return (value, sink) => {
        const result = validateOrgcode(value);
        if (result.valid) return true;
        sink.error(
          issue(
            'orgcode',
            value,
            `invalid organisation code: ${result.reason!.en}`,
            `组织机构代码无效：${result.reason!.zh}`,
          ),
        );
        return false;
      };
    case 'region':
      return (value, sink) => regionCheck(field, value, sink);
    case 'phone':
      return (value, sink) => {
        const result = validatePhone(value);
        if (result.valid) return true;
        sink.error(
          issue(
            'phone',
            value,
            `invalid telephone number: ${result.reason!.en}`,
            `电话号码无效：${result.reason!.zh}`,
          ),
        );
        return false;
      };
    case 'date':
      return (value, sink) => {
        if (isIsoDate(value)) return true;
        sink.error(
          issue('date', value, 'not a real date in the form YYYY-MM-DD', '不是 YYYY-MM-DD 格式的有效日期'),
        );
        return false;
      };
    case 'length': {
      const param = (spec as { length: number | { min?: number; max?: number } }).length;
      const min = typeof param === 'number' ? param : (param?.min ?? 0);
      const max = typeof param === 'number' ? param : (param?.max ?? Number.POSITIVE_INFINITY);
      if (!(min >= 0) || !(max >= min)) {
        throw new Error(
          'mapping/bad-check|length needs a number or {min, max} with min ≤ max|length 需要一个数字或 {min, max}（min ≤ max）',
        );
      }
      const expected =
        min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `${min}–${max}`;
      return (value, sink) => {
        const n = [...value].length;
        if (n >= min && n <= max) return true;
        sink.error(
          issue('length', value, `length ${n}, expected ${expected}`, `长度为 ${n}，应为 ${expected}`),
        );
        return false;
      };
    }
    case 'pattern': {
      const source = (spec as { pattern: string }).pattern;
      let re: RegExp;
      try {
        re = new RegExp(source, 'u');
      } catch {
        throw new Error(
          `mapping/bad-check|pattern "${source}" is not a valid regular expression|pattern「${source}」不是有效的正则表达式`,
        );
      }
      return (value, sink) => {
        if (re.test(value)) return true;
        sink.error(issue('pattern', value, `does not match the pattern ${source}`, `不符合格式 ${source}`));
        return false;
      };
    }
    default:
      throw new Error(
        `mapping/unknown-check|unknown check "${String(name)}" (known: ${KNOWN_CHECKS.join(', ')})|未知的校验「${String(name)}」（可用：${KNOWN_CHECKS.join('、')}）`,
      );
  }
}

/** GB/T 2260: an unknown province or malformed code rejects; a code missing from the current list only warns. */
export function regionCheck(field: string, value: string, sink: IssueSink): boolean {
  const status = regionStatus(value);
  if (status === 'current') return true;
  if (status === 'not-current') {
    sink.warning({
      field,
      rule: 'region',
      value,
      message: 'administrative division code not in the current GB/T 2260 list (it may have been abolished)',
      zh: '行政区划代码不在现行 GB/T 2260 代码表中（可能已撤销）',
    });
    return true;
  }
  sink.error(
    status === 'province'
      ? {
          field,
          rule: 'region',
          value,
          message: 'unknown province in the administrative division code',
          zh: '行政区划代码的省级代码不存在',
        }
      : {
          field,
          rule: 'region',
          value,
          message: 'an administrative division code has 6 digits',
          zh: '行政区划代码应为 6 位数字',
        },
  );
  return false;
}
