import { localDayKey } from '../identifiers/calendar-date';
import { validateIdcardBy } from '../identifiers/idcard';
import { validateOrgcode } from '../identifiers/orgcode';
import { validatePhone } from '../identifiers/phone';
import { abolishedRegion, regionStatus } from '../identifiers/region';
import { type IdentifierCheck, validateUscc } from '../identifiers/uscc';
import { noLongerCurrentIssue } from './codesets';
import { MappingCompileError } from './compile-error';
import { specName } from './field-spec';
import { isIsoDate } from './transforms';
import type { CheckSpec, RowIssue } from './types';

/** A compiled value check: pushes an issue and returns false (reject), or records a warning and returns true. */
export type ValueCheck = (value: string, sink: IssueSink) => boolean;

export interface IssueSink {
  error(issue: RowIssue): void;
  warning(issue: RowIssue): void;
}

export interface CheckOptions {
  /**
   * "Today", for birth dates in the future: a calendar day `YYYY-MM-DD` (the city's local date), or an instant whose
   * date in `timeZone` is taken (default: now).
   */
  today?: Date | string;
  /** The IANA time zone an instant `today` is read in (default: Asia/Shanghai). */
  timeZone?: string;
}

/** How a doubt about a valid identifier is reported: a warning (the default), a rejection, or not at all. */
type DoubtSeverity = 'warning' | 'error' | 'off';

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
  const name = specName(spec);
  switch (name) {
    case 'idcard': {
      const todayKey = localDayKey(options.today ?? new Date(), options.timeZone);
      const validate = (value: string) => validateIdcardBy(value, todayKey);
      return identifierCheck(field, 'idcard', validate, 'ID number', '公民身份号码');
    }
    case 'uscc':
      return identifierCheck(
        field,
        'uscc',
        validateUscc,
        'unified social credit code',
        '统一社会信用代码',
        usccDoubtSeverity(spec),
      );
    case 'orgcode':
      return identifierCheck(field, 'orgcode', validateOrgcode, 'organisation code', '组织机构代码');
    case 'region':
      return (value, sink) => regionCheck(field, value, sink);
    case 'phone':
      return identifierCheck(field, 'phone', validatePhone, 'telephone number', '电话号码');
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

/**
 * A check by an identifier validator of `what` (`en`, `zh`): an invalid value is an error saying why; what the
 * validator doubts about a valid value (its `warnings`) is reported as `doubts` says.
 */
function identifierCheck(
  field: string,
  rule: string,
  validate: (value: string) => IdentifierCheck,
  en: string,
  zh: string,
  doubts: DoubtSeverity = 'warning',
): ValueCheck {
  return (value, sink) => {
    const result = validate(value);
    if (result.valid && (!result.warnings || doubts === 'off')) return true;
    if (!result.valid) {
      const why = result.reason!;
      sink.error(issueOf(field, rule, value, `invalid ${en}: ${why.en}`, `${zh}无效：${why.zh}`));
      return false;
    }
    for (const w of result.warnings!) {
      const issue = issueOf(field, rule, value, `doubtful ${en}: ${w.en}`, `${zh}存疑：${w.zh}`);
      if (doubts === 'error') sink.error(issue);
      else sink.warning(issue);
    }
    return doubts !== 'error';
  };
}

/** `uscc` or `{ uscc: { embeddedOrgcode: warning | error | off } }`: how a failing embedded organisation code counts. */
function usccDoubtSeverity(spec: CheckSpec): DoubtSeverity {
  if (typeof spec === 'string') return 'warning';
  const options = (spec as { uscc?: { embeddedOrgcode?: unknown } }).uscc;
  const severity = options?.embeddedOrgcode ?? 'warning';
  if (severity === 'warning' || severity === 'error' || severity === 'off') return severity;
  throw new MappingCompileError(
    'mapping/bad-check',
    `uscc.embeddedOrgcode must be warning, error or off (got ${String(severity)})`,
    `uscc.embeddedOrgcode 须为 warning、error 或 off（实际为 ${String(severity)}）`,
  );
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

/**
 * GB/T 2260: an unknown province or malformed code rejects; a code that is not current only warns, saying whether
 * an earlier edition listed it (and until when) or none does.
 */
export function regionCheck(field: string, value: string, sink: IssueSink): boolean {
  const status = regionStatus(value);
  if (status === 'current') return true;
  if (status === 'abolished') {
    sink.warning(noLongerCurrentIssue(field, 'GB/T 2260', abolishedRegion(value)!));
    return true;
  }
  if (status === 'unknown') {
    sink.warning({
      field,
      rule: 'region',
      value,
      message:
        'administrative division code in no known edition of GB/T 2260 (the editions known start about 1998)',
      zh: '行政区划代码不在已知的任何一版 GB/T 2260 中（已知各版始于约 1998 年）',
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
