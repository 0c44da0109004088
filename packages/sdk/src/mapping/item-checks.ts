import { type CodesetRegistry, isRegionCodeset } from './codesets';
import { listOf } from './field-spec';
import { isAsciiDigits, isIsoDate } from './transforms';
import type { RecordValue, TargetItem } from './types';
import { compileCheck, type IssueSink, regionCheck, type ValueCheck } from './validators';

const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const TRUE_WORDS = new Set(['true', '1', 'y', 'yes', 't', '是']);
const FALSE_WORDS = new Set(['false', '0', 'n', 'no', 'f', '否']);

const TYPE_NAMES: Record<string, [string, string]> = {
  N: ['a number', '数值'],
  Y: ['a currency amount', '货币金额'],
  B: ['a double-precision number', '双精度数'],
  F: ['a floating-point number', '浮点数'],
  I: ['an integer', '整数'],
  D: ['a date YYYY-MM-DD', 'YYYY-MM-DD 格式的日期'],
  T: ['a date-time YYYY-MM-DDThh:mm:ss', 'YYYY-MM-DDThh:mm:ss 格式的日期时间'],
  L: ['a logical value (true/false)', '逻辑值（是/否）'],
};

/** Converts and checks one value against its catalogue item; `undefined` means rejected (issue in the sink). */
export type ItemCheck = (value: RecordValue, sink: IssueSink) => RecordValue | undefined;

/**
 * Compiles the checks a catalogue item implies for a value: its data type (C, N, D, …; numbers become JSON
 * numbers, L becomes a boolean), its length, membership of its code set, and the item's own `check` list.
 */
export function compileItemCheck(
  item: TargetItem,
  codesets: CodesetRegistry,
  /** "Today" for birth dates in the future: a calendar day `YYYY-MM-DD` (default: now, in Asia/Shanghai). */
  today?: string,
  /** The field already runs the `region` check: GB/T 2260 membership would repeat it. */
  regionChecked = false,
): ItemCheck {
  const steps = [typeStep(item)];
  const codeset = codesetStep(item, codesets, regionChecked);
  if (codeset) steps.push(codeset);
  steps.push(...ownItemChecks(item, today));
  if (steps.length === 1) return steps[0]!;
  return (value, sink) => {
    let v: RecordValue | undefined = value;
    for (let i = 0; i < steps.length && v !== undefined; i++) v = steps[i]!(v, sink);
    return v;
  };
}

/** The step that converts a value to the item's data type, within its length. */
function typeStep(item: TargetItem): ItemCheck {
  const type = (item.type ?? 'C').toUpperCase();
  const typeError = typeErrorOf(item, type);
  switch (type) {
    case 'N':
    case 'Y':
    case 'B':
    case 'F':
    case 'I':
      return numberStep(item, type, typeError);
    case 'D':
      return (value, sink) =>
        typeof value === 'string' && isIsoDate(value) ? value : typeError(value, sink);
    case 'T':
      return (value, sink) => {
        const m = typeof value === 'string' ? DATETIME.exec(value) : null;
        if (!m || !isIsoDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) {
          return typeError(value, sink);
        }
        return value;
      };
    case 'L':
      return (value, sink) => {
        if (typeof value === 'boolean') return value;
        const word = String(value).toLowerCase();
        if (TRUE_WORDS.has(word)) return true;
        if (FALSE_WORDS.has(word)) return false;
        return typeError(value, sink);
      };
    default:
      return textStep(item, typeError);
  }
}

/** Reports that a value is not of the item's type; always `undefined` (rejected). */
function typeErrorOf(item: TargetItem, type: string): (value: RecordValue, sink: IssueSink) => undefined {
  const field = item.key;
  const [en, zh] = TYPE_NAMES[type] ?? ['a value', '值'];
  return (value, sink) => {
    sink.error({
      field,
      rule: 'type',
      value: String(value),
      message: `item ${field} (type ${type}) expects ${en}`,
      zh: `信息项 ${item.name ?? field}（${type} 型）应为${zh}`,
    });
    return undefined;
  };
}

/** N, Y, B, F and I: a finite (for I, whole) number; for N at most `length` digits. */
function numberStep(item: TargetItem, type: string, typeError: ReturnType<typeof typeErrorOf>): ItemCheck {
  const field = item.key;
  const pattern = type === 'I' ? INTEGER : NUMERIC;
  const maxDigits = type === 'N' && item.length ? item.length : undefined;
  return (value, sink) => {
    if (typeof value === 'number')
      return Number.isFinite(value) && (type !== 'I' || Number.isInteger(value))
        ? value
        : typeError(value, sink);
    if (typeof value !== 'string' || !(isAsciiDigits(value) || pattern.test(value)))
      return typeError(value, sink);
    if (maxDigits !== undefined && value.replace(/[^0-9]/g, '').length > maxDigits) {
      sink.error({
        field,
        rule: 'length',
        value,
        message: `more than ${maxDigits} digits`,
        zh: `超过 ${maxDigits} 位数字`,
      });
      return undefined;
    }
    return Number(value);
  };
}

/** C and unknown types: a string of at most `length` characters. */
function textStep(item: TargetItem, typeError: ReturnType<typeof typeErrorOf>): ItemCheck {
  const field = item.key;
  const max = item.length;
  return (value, sink) => {
    if (typeof value !== 'string') return typeError(value, sink);
    // UTF-16 length first: counting code points only matters when it is over the limit.
    if (max !== undefined && value.length > max && [...value].length > max) {
      sink.error({
        field,
        rule: 'length',
        value,
        message: `longer than the item's length ${max}`,
        zh: `超过信息项长度 ${max}`,
      });
      return undefined;
    }
    return value;
  };
}

/** Membership of the item's code set (GB/T 2260 through the region check), if it names a known one. */
function codesetStep(
  item: TargetItem,
  codesets: CodesetRegistry,
  regionChecked: boolean,
): ItemCheck | undefined {
  const field = item.key;
  const codeset = item.codeset ? codesets.get(item.codeset) : undefined;
  if (!codeset) return undefined;
  if (isRegionCodeset(codeset)) {
    return regionChecked
      ? undefined
      : (value, sink) => (regionCheck(field, String(value), sink) ? value : undefined);
  }
  const codes = new Set(codeset.codes.map((c) => c.code));
  return (value, sink) => {
    if (codes.has(String(value))) return value;
    sink.error({
      field,
      rule: 'codeset',
      value: String(value),
      message: `not a code of ${codeset.name}`,
      zh: `不是 ${codeset.name} 中的代码`,
    });
    return undefined;
  };
}

/** The item's own `check` list; a malformed check is skipped (the catalogue linter reports it). */
function ownItemChecks(item: TargetItem, today: string | undefined): ItemCheck[] {
  const steps: ItemCheck[] = [];
  for (const spec of listOf(item.check)) {
    let check: ValueCheck;
    try {
      check = compileCheck(item.key, spec, { today });
    } catch {
      continue;
    }
    steps.push((value, sink) => (check(String(value), sink) ? value : undefined));
  }
  return steps;
}
