import { isRealDate } from '../../../identifiers/calendar-date';
import { replaceValueEdit } from '../../edits';
import { defineRule } from '../../rule';
import type { LocalizedText } from '../../types';
import { calendarDefects, formDefect, readDateParts } from './explain';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ISO form of a date written as 2017年11月10日, 2017/11/10, 2017.11.10, 20171110 or 2017-1-5; undefined if not a real date. */
export function toIsoDate(value: string): string | undefined {
  const parts = readDateParts(value);
  if (!parts || !isRealDate(parts.year, parts.month, parts.day)) return undefined;
  return `${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

/** The message for a value that is no ISO date: what to write when it converts, else what is wrong in it. */
function dateMessage(value: string, converted: string | undefined): LocalizedText {
  if (converted)
    return {
      zh: `发布日期「${value}」不是 CCYY-MM-DD 格式的有效日期，应写作 ${converted}`,
      en: `publishedAt "${value}" is not a valid CCYY-MM-DD date; write ${converted}`,
    };
  const parts = readDateParts(value);
  const calendar = parts && calendarDefects(parts);
  if (calendar)
    return {
      zh: `发布日期「${value}」不是真实存在的日期：${calendar.zh}`,
      en: `publishedAt "${value}" is not a real date: ${calendar.en}`,
    };
  const form = formDefect(value);
  return {
    zh: `发布日期「${value}」不是 CCYY-MM-DD 格式的日期（如 2019-05-10）${form ? `：${form.zh}` : ''}`,
    en: `publishedAt "${value}" is not a date written CCYY-MM-DD (e.g. 2019-05-10)${form ? `: ${form.en}` : ''}`,
  };
}

export const rule = defineRule({
  id: 'date/format',
  severity: 'error',
  description: {
    zh: '发布日期不是 ISO 日期 CCYY-MM-DD（可自动转换 2017年11月10日、2017/11/10）',
    en: 'publishedAt is not an ISO date (2017年11月10日 and 2017/11/10 are converted)',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    const value = file.string(['publishedAt']);
    if (value === undefined || value.trim() === '' || value === 'TODO') return;
    const iso = ISO_DATE.exec(value);
    if (iso && isRealDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))) return;
    const converted = toIsoDate(value);
    const edit = converted ? replaceValueEdit(file, ['publishedAt'], converted) : undefined;
    report({
      at: ['publishedAt'],
      message: dateMessage(value, converted),
      fixes: edit
        ? [{ title: { zh: `改为 ${converted}`, en: `Change to ${converted}` }, edits: [edit] }]
        : [],
    });
  },
});
