import { dayKey, validateIdcardBy } from '../identifiers/idcard';
import { validateOrgcode } from '../identifiers/orgcode';
import { validatePhone } from '../identifiers/phone';
import { regionStatus } from '../identifiers/region';
import { validateUscc } from '../identifiers/uscc';
import { MappingCompileError } from './compile-error';
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
 * Compiles one check for one field. Throws a `MappingCompileError` when the spec cannot be compiled (the caller
 * turns it into a diagnostic).
 */
export function compileCheck(field: string, spec: CheckSpec, options: CheckOptions = {}): ValueCheck {
  const name = checkName(spec);
  switch (name) {
    case 'idcard': {
      const todayKey = dayKey(options.today ?? new Date());
      const validate = (value: string) => validateIdcardBy(value, todayKey);
      return identifierCheck(field, 'idcard', validate, 'invalid ID number', '公民身份号码无效');
    }
    case 'uscc':
      return identifierCheck(
        field,
        'uscc',
        validateUscc,
        'invalid unified social credit code',
        '统一社会信用代码无效',
      );
    case 'orgcode':
      return identifierCheck(
        field,
        'orgcode',
        validateOrgcode,
        'invalid organisation code',
        '组织机构代码无效',
      );
    case 'region':
      return (value, sink) => regionCheck(field, value, sink);
    case 'phone':
      return identifierCheck(field, 'phone', validatePhone, 'invalid telephone number', '电话号码无效');
    case 'date':
      return (value, sink) => {
        if (isIsoDate(value)) return true;
        sink.error(
          issueOf(
            field,
            'date',
            value,
            'not a real date in the form YYYY-MM-DD',
            '不是 YYYY-MM-DD 格式的有效日期',
          ),
        );
        return false;
      };
    case 'length':
      return lengthCheck(field, (spec as { length: number | { min?: number; max?: number } }).length);
    case 'pattern':
      return patternCheck(field, (spec as { pattern: string }).pattern);
    default:
      throw new MappingCompileError(
        'mapping/unknown-check',
        `unknown check "${String(name)}" (known: ${KNOWN_CHECKS.join(', ')})`,
        `未知的校验「${String(name)}」（可用：${KNOWN_CHECKS.join('、')}）`,
      );
  }
}

function issueOf(field: string, rule: string, value: string, en: string, zh: string): RowIssue {
  return { field, rule, value, message: en, zh };
}

/** A check by an identifier validator: the issue says what is invalid (`en`, `zh`) and the validator why. */
function identifierCheck(
  field: string,
  rule: string,
  validate: (value: string) => { valid: boolean; reason?: { en: string; zh: string } },
  en: string,
  zh: string,
): ValueCheck {
  return (value, sink) => {
    const result = validate(value);
    if (result.valid) return true;
    sink.error(issueOf(field, rule, value, `${en}: ${result.reason!.en}`, `${zh}：${result.reason!.zh}`));
    return false;
  };
}

function lengthCheck(field: string, param: number | { min?: number; max?: number }): ValueCheck {
  const min = typeof param === 'number' ? param : (param?.min ?? 0);
  const max = typeof param === 'number' ? param : (param?.max ?? Number.POSITIVE_INFINITY);
  if (!(min >= 0) || !(max >= min)) {
    throw new MappingCompileError(
      'mapping/bad-check',
      'length needs a number or {min, max} with min ≤ max',
      'length 需要一个数字或 {min, max}（min ≤ max）',
    );
  }
  const expected = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `${min}–${max}`;
  return (value, sink) => {
    const n = [...value].length;
    if (n >= min && n <= max) return true;
    sink.error(
      issueOf(field, 'length', value, `length ${n}, expected ${expected}`, `长度为 ${n}，应为 ${expected}`),
    );
    return false;
  };
}

function patternCheck(field: string, source: string): ValueCheck {
  let re: RegExp;
  try {
    re = new RegExp(source, 'u');
  } catch {
    throw new MappingCompileError(
      'mapping/bad-check',
      `pattern "${source}" is not a valid regular expression`,
      `pattern「${source}」不是有效的正则表达式`,
    );
  }
  return (value, sink) => {
    if (re.test(value)) return true;
    sink.error(
      issueOf(field, 'pattern', value, `does not match the pattern ${source}`, `不符合格式 ${source}`),
    );
    return false;
  };
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
