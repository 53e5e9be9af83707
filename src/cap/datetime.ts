/**
 * CAP's `dateTime` form: `YYYY-MM-DDThh:mm:ss±hh:mm`, always with a numeric time zone and never with
 * fractional seconds or `Z` (CAP 1.2 §3.3.2; UTC is written `-00:00`).
 */

const CAP_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([-+])(\d{2}):(\d{2})$/;

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

/**
 * Reads a CAP dateTime. Returns the instant, or `undefined` when the text is not in CAP's form or
 * names a day or time that does not exist (2026-02-30, 25:00).
 */
export function parseCapDateTime(text: string): Date | undefined {
  const m = CAP_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, , tzh, tzm] = m.slice(1).map(Number) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  if (tzh! > 14 || tzm! > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! > daysInMonth) return undefined;
  const offset = (m[7] === '-' ? -1 : 1) * (tzh! * 60 + tzm!);
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) - offset * 60_000;
  const date = new Date(utc);
  // Date.UTC maps years 0–99 to 1900–1999; put them back.
  if (year! < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date;
}

/** True when `text` is a CAP dateTime naming a real instant. */
export const isCapDateTime = (text: string): boolean => parseCapDateTime(text) !== undefined;
