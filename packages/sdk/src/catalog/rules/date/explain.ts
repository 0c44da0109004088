import { isRealDate } from '../../../identifiers/calendar-date';
import type { LocalizedText } from '../../types';

/** A date as written: year, month and day, with the digits the user typed for month and day. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  monthText: string;
  dayText: string;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Year, month and day of 2017-11-10, 2017年11月10日, 2017/11/10, 2017.11.10 or 20171110 (full-width digits too). */
export function readDateParts(value: string): DateParts | undefined {
  const text = value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const match =
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(text) ??
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [, year, monthText, dayText] = match as unknown as [string, string, string, string];
  return { year: Number(year), month: Number(monthText), day: Number(dayText), monthText, dayText };
}

function daysIn(year: number, month: number): number {
  let days = 31;
  while (days > 28 && !isRealDate(year, month, days)) days--;
  return days;
}

/** Why year-month-day names no day of the calendar ("month 13 does not exist"); undefined for a real day. */
export function calendarDefects({
  year,
  month,
  day,
  monthText,
  dayText,
}: DateParts): LocalizedText | undefined {
  if (isRealDate(year, month, day)) return undefined;
  const defects: LocalizedText[] = [];
  const realMonth = month >= 1 && month <= 12;
  if (!realMonth)
    defects.push({
      zh: `没有 ${monthText} 月（月份为 01–12）`,
      en: `month ${monthText} does not exist (months are 01–12)`,
    });
  if (day < 1)
    defects.push({
      zh: `没有 ${dayText} 日（日从 01 起）`,
      en: `day ${dayText} does not exist (days start at 01)`,
    });
  else if (day > 31)
    defects.push({
      zh: `没有 ${dayText} 日（每月最多 31 日）`,
      en: `day ${dayText} does not exist (no month has more than 31 days)`,
    });
  else if (realMonth) {
    const days = daysIn(year, month);
    defects.push({
      zh: `${year} 年 ${month} 月只有 ${days} 天，没有 ${dayText} 日`,
      en: `${MONTHS_EN[month - 1]} ${year} has ${days} days, so day ${dayText} does not exist`,
    });
  }
  return { zh: defects.map((d) => d.zh).join('；'), en: defects.map((d) => d.en).join('; ') };
}

/** What a value that is no year-month-day lacks or has out of order, when that can be told; else undefined. */
export function formDefect(value: string): LocalizedText | undefined {
  const text = value.trim();
  if (/^\d{4}\s*年?$/.test(text))
    return { zh: '只有年份，缺少月和日', en: 'it gives only a year, no month or day' };
  if (/^\d{4}\s*[-/.年]\s*\d{1,2}\s*月?$/.test(text))
    return { zh: '只有年和月，缺少日', en: 'it gives a year and a month but no day' };
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(text))
    return { zh: '年份写在了最后，应写在最前', en: 'the year comes last; it comes first' };
  if (/^\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(text))
    return { zh: '年份只有两位，应写全四位', en: 'the year has two digits; write all four' };
  return undefined;
}

/**
 * Why a value is no CCYY-MM-DD date, naming the defect in the value: the month or day that does not exist, the
 * missing day, the year written last. Undefined when nothing more specific than "not a date" can be said.
 */
export function explainDate(value: string): LocalizedText | undefined {
  const parts = readDateParts(value);
  return parts ? calendarDefects(parts) : formDefect(value);
}
