import { isRealDate } from '../../../identifiers/calendar-date';
import { replaceValueEdit } from '../../edits';
import { defineRule } from '../../rule';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ISO form of a date written as 2017年11月10日, 2017/11/10, 2017.11.10, 20171110 or 2017-1-5; undefined if not a real date. */
export function toIsoDate(value: string): string | undefined {
  const text = value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const match =
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(text) ??
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isRealDate(year, month, day)) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
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
      message: {
        zh: `发布日期「${value}」不是 CCYY-MM-DD 格式的有效日期${converted ? `，应写作 ${converted}` : ''}`,
        en: `publishedAt "${value}" is not a valid CCYY-MM-DD date${converted ? `; write ${converted}` : ''}`,
      },
      fixes: edit
        ? [{ title: { zh: `改为 ${converted}`, en: `Change to ${converted}` }, edits: [edit] }]
        : [],
    });
  },
});
