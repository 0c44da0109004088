import { describe, expect, it } from 'vitest';
import { formatLocalTime } from './local-time';

describe('formatLocalTime', () => {
  const moment = new Date('2024-05-01T06:03:40Z');

  it('shows the wall clock of the offset, and the offset', () => {
    expect(formatLocalTime(moment, { offsetMinutes: 480 })).toBe('2024-05-01 14:03 (UTC+08:00)');
    expect(formatLocalTime(moment, { offsetMinutes: 480, lang: 'zh' })).toBe('2024-05-01 14:03（UTC+08:00）');
    expect(formatLocalTime(moment, { offsetMinutes: -570 })).toBe('2024-04-30 20:33 (UTC-09:30)');
    expect(formatLocalTime(moment, { offsetMinutes: 0 })).toBe('2024-05-01 06:03 (UTC+00:00)');
  });
});
