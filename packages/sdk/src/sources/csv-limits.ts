/** The rule and texts of a reject for a record over a limit (`field` names the column, when there is one). */
export interface LimitIssue {
  rule: string;
  en: string;
  zh: string;
  field: string;
}

export function fieldTooLarge(
  limit: number,
  upTo: number,
  column: number,
  name: string | undefined,
): LimitIssue {
  const label = name ? `column ${column} (${name})` : `column ${column}`;
  const labelZh = name ? `第 ${column} 列（${name}）` : `第 ${column} 列`;
  return {
    rule: 'csv/field-too-large',
    en: `${label} is longer than ${limit} characters (the limit); skipped up to line ${upTo}`,
    zh: `${labelZh}超过 ${limit} 个字符的上限，已跳过至第 ${upTo} 行`,
    field: name ?? '',
  };
}

export function recordTooLarge(limit: number, upTo: number): LimitIssue {
  return {
    rule: 'csv/record-too-large',
    en: `record longer than ${limit} characters (the limit); skipped up to line ${upTo}`,
    zh: `记录超过 ${limit} 个字符的上限，已跳过至第 ${upTo} 行`,
    field: '',
  };
}

/** A quoted field still open when the input ends, after it was too long to keep: all of the rest was it. */
export function unclosedToTheEnd(): LimitIssue {
  return {
    rule: 'csv/unclosed-quote',
    en: 'a quoted field is never closed; skipped up to the end of the input',
    zh: '带引号的字段没有结束引号，已跳过至文件末尾',
    field: '',
  };
}
