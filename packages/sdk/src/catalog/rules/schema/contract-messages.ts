import { displayPath, elementAt } from '../../elements';
import type { EntryPath, LocalizedText } from '../../types';
import { explainDate } from '../date/explain';
import { patternDefect } from './pattern-defects';

/** What the rule reads of a zod issue (the generated contract schemas are zod 4). */
export interface ContractIssue {
  code: string;
  message: string;
  expected?: string;
  values?: readonly unknown[];
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  format?: string;
  pattern?: string;
}

/** Long values are cut in messages: a 10,000-character name is not repeated in full. */
const SHOWN_CHARACTERS = 40;

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: { zh: '字符串', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '布尔值', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '映射（键值对）', en: 'a map' },
  null: { zh: '空值', en: 'null' },
  undefined: { zh: '空', en: 'nothing' },
};

function typeName(type: string): LocalizedText {
  return TYPE_NAMES[type] ?? { zh: type, en: type };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function cut(text: string): string {
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text;
}

/** A value as a message shows it: JSON (English) or 「text」 (Chinese), cut after SHOWN_CHARACTERS. */
function show(value: unknown): LocalizedText {
  if (typeof value === 'string') return { zh: `「${cut(value)}」`, en: cut(JSON.stringify(value)) };
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return { zh: cut(text), en: cut(text) };
}

/** The path and the element it belongs to (`related[0]` belongs to `related`, Related resources). */
function labelOf(path: EntryPath): LocalizedText {
  const dotted = displayPath(path) || '(entry)';
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  const element = end > 0 ? elementAt(path.slice(0, end)) : undefined;
  return element
    ? { zh: `${dotted}（${element.zh}）`, en: `${dotted} (${element.en})` }
    : { zh: dotted, en: dotted };
}

/**
 * "`items[1].key` is missing: …", the field first. `because` says why it is required where that depends on the
 * entry (items for a database); by default, that its element must be filled in.
 */
export function missingFieldMessage(path: EntryPath, because?: LocalizedText): LocalizedText {
  const dotted = displayPath(path);
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  const element = end > 0 ? elementAt(path.slice(0, end)) : undefined;
  const reason =
    because ?? (element ? { zh: `${element.zh}必须填写`, en: `${element.en} is required` } : undefined);
  return reason
    ? { zh: `缺少必填字段 \`${dotted}\`：${reason.zh}`, en: `\`${dotted}\` is missing: ${reason.en}` }
    : { zh: `缺少必填字段 \`${dotted}\``, en: `\`${dotted}\` is missing` };
}

/** The bound of a too_big/too_small issue, and what it counts. */
function sizeMessage(issue: ContractIssue, value: unknown, label: LocalizedText): LocalizedText {
  const big = issue.code === 'too_big';
  const bound = String(big ? issue.maximum : issue.minimum);
  if (issue.origin === 'string') {
    const length = typeof value === 'string' ? value.length : 0;
    if (!big && bound === '1') return { zh: `${label.zh} 不能为空`, en: `${label.en} must not be empty` };
    return big
      ? {
          zh: `${label.zh} 超过 ${bound} 个字符（实际 ${length} 个）`,
          en: `${label.en} is longer than ${bound} characters (${length})`,
        }
      : {
          zh: `${label.zh} 少于 ${bound} 个字符（实际 ${length} 个）`,
          en: `${label.en} is shorter than ${bound} characters (${length})`,
        };
  }
  if (issue.origin === 'array') {
    return big
      ? { zh: `${label.zh} 超过 ${bound} 项`, en: `${label.en} has more than ${bound} entries` }
      : { zh: `${label.zh} 至少需要 ${bound} 项`, en: `${label.en} needs at least ${bound} entries` };
  }
  const shown = show(value);
  return big
    ? {
        zh: `${label.zh} 不能大于 ${bound}，实际为 ${shown.zh}`,
        en: `${label.en} must be at most ${bound}, got ${shown.en}`,
      }
    : {
        zh: `${label.zh} 不能小于 ${bound}，实际为 ${shown.zh}`,
        en: `${label.en} must be at least ${bound}, got ${shown.en}`,
      };
}

/** A message, in both languages, for one issue the contract finds with the value at its path. */
export function contractMessage(issue: ContractIssue, path: EntryPath, value: unknown): LocalizedText {
  const label = labelOf(path);
  const shown = show(value);
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
    return missingFieldMessage(path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeName(issue.expected ?? 'unknown');
      const got = kindOf(value) === 'number' ? shown : typeName(kindOf(value));
      return {
        zh: `${label.zh} 应为${expected.zh}，实际为${got.zh}`,
        en: `${label.en} must be ${expected.en}, got ${got.en}`,
      };
    }
    case 'invalid_value': {
      const values = (issue.values ?? []).map(String);
      return values.length === 1
        ? {
            zh: `${label.zh} 应为 ${values[0]}，实际为 ${shown.zh}`,
            en: `${label.en} must be ${values[0]}, got ${shown.en}`,
          }
        : {
            zh: `${label.zh} 应为 ${values.join('、')} 之一，实际为 ${shown.zh}`,
            en: `${label.en} must be one of ${values.join(', ')}, got ${shown.en}`,
          };
    }
    case 'too_big':
    case 'too_small':
      return sizeMessage(issue, value, label);
    case 'invalid_format': {
      if (issue.format === 'date') return dateMessage(label, shown, value);
      return patternMessage(issue, label, shown, value);
    }
    default:
      return { zh: `${label.zh} 不符合接口规范（${issue.message}）`, en: `${label.en}: ${issue.message}` };
  }
}

function dateMessage(label: LocalizedText, shown: LocalizedText, value: unknown): LocalizedText {
  const why = typeof value === 'string' ? explainDate(value) : undefined;
  return {
    zh: `${label.zh} ${shown.zh} 不是 CCYY-MM-DD 格式的有效日期${why ? `：${why.zh}` : ''}`,
    en: `${label.en} ${shown.en} is not a valid CCYY-MM-DD date${why ? `: ${why.en}` : ''}`,
  };
}

/** A value against a pattern: what in the value breaks it, where the pattern is one people know. */
function patternMessage(
  issue: ContractIssue,
  label: LocalizedText,
  shown: LocalizedText,
  value: unknown,
): LocalizedText {
  // zod writes the pattern as a regex literal: `/^[0-9]{6,}\/[0-9]+$/` is shown as `^[0-9]{6,}/[0-9]+$`.
  const pattern = (issue.pattern ?? '').replace(/^\/(.*)\/[a-z]*$/, '$1').replace(/\\\//g, '/');
  const why = typeof value === 'string' ? patternDefect(pattern, value) : undefined;
  return {
    zh: `${label.zh} ${shown.zh} 不符合格式 ${pattern}${why ? `：${why.zh}` : ''}`,
    en: `${label.en} ${shown.en} does not match ${pattern}${why ? `: ${why.en}` : ''}`,
  };
}
