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
