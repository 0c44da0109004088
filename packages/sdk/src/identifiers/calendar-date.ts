/**
 * Calendar days as identifiers and catalogue fields write them: a GB 11643 birth date, a catalogue's
 * publication date, a date a mapping transforms.
 */

/** True when `yyyy-mm-dd` names a real day of the Gregorian calendar (leap years included). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days =
    month === 2
      ? isLeap(year)
        ? 29
        : 28
      : month === 4 || month === 6 || month === 9 || month === 11
        ? 30
        : 31;
  return day <= days;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The time zone "today" is read in unless the workspace says otherwise (`timeZone` in `unsilo.config.yaml`). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when `name` is an IANA time zone this runtime knows (`Asia/Shanghai`, `UTC`…). */
export function isTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name === '') return false;
  try {
    dayFormatter(name);
    return true;
  } catch {
    return false;
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `yyyymmdd` as one number: the calendar day of `day` in `timeZone` (a city's "today" is its local date, not the
 * UTC one). A string `YYYY-MM-DD` is already a calendar day and is taken as it is.
 */
export function localDayKey(day: Date | string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const text = typeof day === 'string' ? day : localDate(day, timeZone);
  const match = ISO_DAY.exec(text);
  if (!match) throw new RangeError(`not a calendar day YYYY-MM-DD: ${text}`);
  return Number(match[1]) * 10000 + Number(match[2]) * 100 + Number(match[3]);
}

/**
 * The calendar day `YYYY-MM-DD` that `today` names: a `YYYY-MM-DD` as it is, else the date of the instant (default:
 * now) in `timeZone` — what a mapping, a sync or a record check takes as "today" for birth dates in the future.
 */
export function calendarDayOf(
  today: Date | string | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  if (typeof today !== 'string') return localDate(today ?? new Date(), timeZone);
  const match = ISO_DAY.exec(today);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3])))
    throw new RangeError(`not a calendar day YYYY-MM-DD: ${today}`);
  return today;
}

/** The calendar day `YYYY-MM-DD` of an instant in `timeZone` (default: now, in Asia/Shanghai). */
export function localDate(instant: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): string {
  const parts: Record<string, string> = Object.create(null);
  for (const { type, value } of dayFormatter(timeZone).formatToParts(instant)) parts[type] = value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}
