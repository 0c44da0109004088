import { describe, expect, it } from 'vitest';
import { isRealDate, isTimeZone, localDate, localDayKey } from './calendar-date';

describe('isRealDate', () => {
  it('knows leap years', () => {
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
  });

  it('knows the length of every month and refuses days and months out of range', () => {
    const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lengths.forEach((length, index) => {
      expect(isRealDate(2023, index + 1, length)).toBe(true);
      expect(isRealDate(2023, index + 1, length + 1)).toBe(false);
    });
    expect(isRealDate(2024, 0, 1)).toBe(false);
    expect(isRealDate(2024, 13, 1)).toBe(false);
    expect(isRealDate(2024, 1, 0)).toBe(false);
  });
});

describe('localDayKey', () => {
  it('reads the calendar day in the city’s time zone, Asia/Shanghai unless told', () => {
    const lateEveningUtc = new Date('2026-11-25T17:00:00Z');
    expect(localDayKey(lateEveningUtc)).toBe(20261126);
    expect(localDayKey(lateEveningUtc, 'UTC')).toBe(20261125);
    expect(localDayKey(new Date('2026-11-25T23:30:00Z'), 'Asia/Urumqi')).toBe(20261126);
    expect(localDate(lateEveningUtc)).toBe('2026-11-26');
  });

  it('takes a calendar day written YYYY-MM-DD as it is', () => {
    expect(localDayKey('2026-02-03')).toBe(20260203);
  });

  it('knows which time zone names exist', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Asia/Beijing')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
