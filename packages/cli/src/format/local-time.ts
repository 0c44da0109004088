/**
 * A moment as the reader's clock shows it, with the offset that says so: `2024-05-01 14:03 (UTC+08:00)`.
 * `offsetMinutes` is east of UTC (the machine's own by default), so that tests need no time zone.
 */
export function formatLocalTime(
  date: Date,
  options: { lang?: 'zh' | 'en'; offsetMinutes?: number } = {},
): string {
  const offset = options.offsetMinutes ?? -date.getTimezoneOffset();
  const shifted = new Date(date.getTime() + offset * 60_000);
  const time = shifted.toISOString().replace('T', ' ').slice(0, 16);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  const zone = `UTC${sign}${hours}:${minutes}`;
  return options.lang === 'zh' ? `${time}（${zone}）` : `${time} (${zone})`;
}
