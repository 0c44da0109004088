import { MappingCompileError } from './compile-error';
import { specName } from './field-spec';
import {
  compileDateReader,
  compileNumberReader,
  dateFormatProblem,
  halfwidth,
  idcard18,
  toLower,
  toUpper,
} from './transforms';
import type { TransformSpec } from './types';
import type { IssueSink } from './validators';

/** One step of a field: a transform or the codes translation. `undefined` rejects (the issue is in the sink). */
export type Step = (value: string, sink: IssueSink) => string | undefined;

export const KNOWN_TRANSFORMS = [
  'trim',
  'upper',
  'lower',
  'halfwidth',
  'idcard18',
  'number',
  'date',
  'default',
  'replace',
];

/** Compiles one transform of field `field`; throws a `MappingCompileError` when its spec cannot be compiled. */
export function compileTransform(field: string, spec: TransformSpec): Step {
  const name = specName(spec);
  switch (name) {
    case 'trim':
      return (v) => v.trim();
    case 'upper':
      return toUpper;
    case 'lower':
      return toLower;
    case 'halfwidth':
      return (v) => halfwidth(v);
    case 'idcard18':
      return idcard18Step(field);
    case 'number':
      return numberStep(field, spec);
    case 'date':
      return dateStep(field, spec);
    case 'default': {
      const value = String((spec as { default: string }).default);
      return (v) => (v === '' ? value : v);
    }
    case 'replace':
      return replaceStep(spec);
    default:
      throw new MappingCompileError(
        'mapping/unknown-transform',
        `unknown transform "${String(name)}" (known: ${KNOWN_TRANSFORMS.join(', ')})`,
        `未知的转换「${String(name)}」（可用：${KNOWN_TRANSFORMS.join('、')}）`,
      );
  }
}

/** A step that converts with `read`, and rejects the value (rule `rule`) where `read` gives nothing. */
function convertingStep(
  field: string,
  rule: string,
  read: (value: string) => string | undefined,
  en: string,
  zh: string,
): Step {
  return (v, sink) => {
    const out = read(v);
    if (out !== undefined) return out;
    sink.error({ field, rule, value: v, message: en, zh });
    return undefined;
  };
}

function idcard18Step(field: string): Step {
  const en = 'a 15-character ID number must be all digits to be upgraded';
  return convertingStep(field, 'idcard18', idcard18, en, '15 位公民身份号码应全部为数字，无法升位');
}

function numberStep(field: string, spec: TransformSpec): Step {
  const param =
    typeof spec === 'object' ? (spec as { number?: { decimalSeparator?: string } }).number : undefined;
  const read = compileNumberReader(param?.decimalSeparator);
  return convertingStep(field, 'number', read, 'not a number', '不是有效的数值');
}

function dateStep(field: string, spec: TransformSpec): Step {
  const raw = (spec as { date: string | string[] }).date;
  const formats = Array.isArray(raw) ? raw : [raw];
  const bad = formats.map(String).find((f) => dateFormatProblem(f) !== undefined);
  if (bad !== undefined || formats.length === 0) {
    throw new MappingCompileError(
      'mapping/bad-transform',
      `date format "${bad ?? ''}" needs YYYY, M or MM, D or DD (or is "excel")`,
      `日期格式「${bad ?? ''}」需要包含 YYYY、M/MM 与 D/DD（或为 excel）`,
    );
  }
  const expected = formats.join(' | ');
  return convertingStep(
    field,
    'date',
    compileDateReader(formats.map(String)),
    `not a real date in the formats ${expected}`,
    `不是格式为 ${expected} 的有效日期`,
  );
}

function replaceStep(spec: TransformSpec): Step {
  const param = (spec as { replace: { pattern: string; with: string; flags?: string } }).replace;
  let re: RegExp;
  try {
    re = new RegExp(param.pattern, param.flags ?? 'g');
  } catch {
    throw new MappingCompileError(
      'mapping/bad-transform',
      `replace pattern "${param?.pattern}" is not a valid regular expression`,
      `replace 的正则表达式「${param?.pattern}」无效`,
    );
  }
  const replacement = param.with ?? '';
  return (v) => v.replace(re, replacement);
}
