/**
 * CAP's `dateTime` form: `YYYY-MM-DDThh:mm:ss±hh:mm`, always with a numeric time zone and never with
 * fractional seconds or `Z` (CAP 1.2 §3.3.2; UTC is written `-00:00`).
 */

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Writes `date` as a CAP dateTime in the time zone `offsetMinutes` east of UTC (Astana: 300).
 * Fractional seconds are dropped, not rounded, so a time is never moved into the future.
 */
export function formatCapDateTime(date: Date, offsetMinutes = 0): string {
  if (!Number.isFinite(date.getTime())) throw new RangeError('formatCapDateTime: the date is invalid');
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) {
    throw new RangeError(`formatCapDateTime: offset ${offsetMinutes} minutes is not a time zone`);
  }
  const local = new Date(Math.floor(date.getTime() / 1000) * 1000 + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError('formatCapDateTime: the year must have four digits');
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return (
    `${String(year).padStart(4, '0')}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}` +
    `T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

/** The two-digit number at s[i, i + 2), or -1 when those are not two ASCII digits. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of the Gregorian `year` as Date.UTC reads it (years 0–99 as 1900–1999). */
function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const y = year < 100 ? year + 1900 : year;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

/**
 * Reads a CAP dateTime. Returns the instant, or `undefined` when the text is not in CAP's form
 * (`YYYY-MM-DDThh:mm:ss±hh:mm`, ASCII digits) or names a day or time that does not exist
 * (2026-02-30, 25:00). Scanned by hand: validation reads several of these per message.
 */
export function parseCapDateTime(text: string): Date | undefined {
  if (text.length !== 25) return undefined;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const tzh = twoDigits(text, 20);
  const tzm = twoDigits(text, 23);
  const sign = text.charCodeAt(19);
  if (
    (century | yy | month | day | hour | minute | second | tzh | tzm) < 0 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(22) !== 58 ||
    (sign !== 45 && sign !== 43)
  ) {
    return undefined;
  }
  const year = century * 100 + yy;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (tzh > 14 || tzm > 59) return undefined;
  if (day > daysIn(year, month)) return undefined;
  const offset = (sign === 45 ? -1 : 1) * (tzh * 60 + tzm);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  const date = new Date(utc);
  // Date.UTC maps years 0–99 to 1900–1999; put them back.
  if (year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date;
}

/** True when `text` is a CAP dateTime naming a real instant. */
export const isCapDateTime = (text: string): boolean => parseCapDateTime(text) !== undefined;
