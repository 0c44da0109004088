import { describe, expect, it } from 'vitest';
import { localDate } from '../../../identifiers/calendar-date';
import { at, check, VALID_ENTRY, vary } from '../testing';

const RULE = 'date/published-range';
const withDate = (date: string) => vary('publishedAt: 2019-05-10', `publishedAt: ${date}`);

describe('date/published-range', () => {
  it('passes a date between the first catalogues and today', () => {
    expect(check(RULE, VALID_ENTRY)).toEqual([]);
    expect(check(RULE, withDate('2016-09-05'))).toEqual([]);
    expect(check(RULE, withDate(localDate(new Date(), 'Asia/Shanghai')))).toEqual([]);
  });

  it('reports a date before catalogues existed', () => {
    const [diagnostic] = check(RULE, withDate('2016-09-04'));
    expect(diagnostic?.message.zh).toBe(
      '发布日期 2016-09-04 早于政务信息资源目录出现的日期 2016-09-05（国发〔2016〕51号），请核对年份',
    );
    expect(at(diagnostic)).toBe('25:14');
  });

  it('reports a date after today', () => {
    const [diagnostic] = check(RULE, withDate('2999-01-01'));
    expect(diagnostic?.message.en).toMatch(/^publishedAt 2999-01-01 is after today \(\d{4}-\d{2}-\d{2}\)/);
  });

  it("reads today in the city's time zone", () => {
    // Kiritimati (UTC+14) is always at least a day ahead of UTC−12.
    const ahead = localDate(new Date(), 'Pacific/Kiritimati');
    expect(check(RULE, withDate(ahead), [], { timeZone: 'Pacific/Kiritimati' })).toEqual([]);
    expect(check(RULE, withDate(ahead), [], { timeZone: 'Etc/GMT+12' })).toHaveLength(1);
  });

  it('leaves a date that is not ISO to date/format', () => {
    expect(check(RULE, withDate('2999年1月1日'))).toEqual([]);
  });
});
