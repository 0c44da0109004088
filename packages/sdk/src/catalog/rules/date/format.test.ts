import { describe, expect, it } from 'vitest';
import { check, fixed, VALID_ENTRY, vary } from '../testing';
import { toIsoDate } from './format';

describe('date/format', () => {
  it('passes an ISO date', () => {
    expect(check('date/format', VALID_ENTRY)).toEqual([]);
  });

  it('converts Chinese and slashed dates', () => {
    const text = vary('publishedAt: 2019-05-10', 'publishedAt: 2017年11月10日');
    expect(check('date/format', text)[0]?.message.en).toBe(
      'publishedAt "2017年11月10日" is not a valid CCYY-MM-DD date; write 2017-11-10',
    );
    expect(fixed('date/format', text)).toContain('publishedAt: 2017-11-10\n');
    expect(toIsoDate('2017/11/10')).toBe('2017-11-10');
    expect(toIsoDate('2017.1.5')).toBe('2017-01-05');
    expect(toIsoDate('20171110')).toBe('2017-11-10');
  });

  it('reports impossible dates without a fix', () => {
    const [diagnostic] = check('date/format', vary('publishedAt: 2019-05-10', 'publishedAt: 2019-02-30'));
    expect(diagnostic?.fixes).toEqual([]);
    expect(toIsoDate('2019年2月30日')).toBeUndefined();
  });

  const messageOf = (value: string) => {
    const [diagnostic] = check('date/format', vary('publishedAt: 2019-05-10', `publishedAt: ${value}`));
    return [diagnostic?.message.en, diagnostic?.message.zh];
  };

  it('names the month and the day that do not exist', () => {
    expect(messageOf('2024-13-45')).toEqual([
      'publishedAt "2024-13-45" is not a real date: month 13 does not exist (months are 01–12); day 45 does not exist (no month has more than 31 days)',
      '发布日期「2024-13-45」不是真实存在的日期：没有 13 月（月份为 01–12）；没有 45 日（每月最多 31 日）',
    ]);
    expect(messageOf('2024-00-10')[0]).toBe(
      'publishedAt "2024-00-10" is not a real date: month 00 does not exist (months are 01–12)',
    );
    expect(messageOf('2024-04-00')[0]).toBe(
      'publishedAt "2024-04-00" is not a real date: day 00 does not exist (days start at 01)',
    );
  });

  it('says how many days the month has, leap years included', () => {
    expect(messageOf('2019-02-29')).toEqual([
      'publishedAt "2019-02-29" is not a real date: February 2019 has 28 days, so day 29 does not exist',
      '发布日期「2019-02-29」不是真实存在的日期：2019 年 2 月只有 28 天，没有 29 日',
    ]);
    expect(messageOf('2020-02-30')[0]).toContain('February 2020 has 29 days, so day 30 does not exist');
    expect(messageOf('2019年4月31日')[0]).toBe(
      'publishedAt "2019年4月31日" is not a real date: April 2019 has 30 days, so day 31 does not exist',
    );
  });

  it('says what a value that is no date lacks, or where its year is', () => {
    expect(messageOf('2019-05')).toEqual([
      'publishedAt "2019-05" is not a date written CCYY-MM-DD (e.g. 2019-05-10): it gives a year and a month but no day',
      '发布日期「2019-05」不是 CCYY-MM-DD 格式的日期（如 2019-05-10）：只有年和月，缺少日',
    ]);
    expect(messageOf('10/05/2019')[0]).toBe(
      'publishedAt "10/05/2019" is not a date written CCYY-MM-DD (e.g. 2019-05-10): the year comes last; it comes first',
    );
    expect(messageOf('19-05-10')[0]).toContain('the year has two digits; write all four');
    expect(messageOf('去年五月')[0]).toBe(
      'publishedAt "去年五月" is not a date written CCYY-MM-DD (e.g. 2019-05-10)',
    );
  });
});
