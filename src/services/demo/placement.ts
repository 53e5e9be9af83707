import { localToInstant } from '../../core/msel/time.js';

/** The first day of the seed's series: Wednesday 21 October 2026, the Astana and Pavlodar drills. */
export const SEED_FIRST_DAY = { year: 2026, month: 10, day: 21 };
/** How many days at least between loading the set and its first drill, so a fresh install shows upcoming ones. */
export const LEAD_DAYS = 3;
const DAY = 86_400_000;

/** The calendar date of an instant in Kazakhstan (UTC+5 everywhere since March 2024), as a UTC midnight. */
function kazakhDate(at: Date): number {
  const local = new Date(at.getTime() + 5 * 3600_000);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
}

/**
 * Whole days to add to every seed date so the series starts on the first Wednesday at least
 * {@link LEAD_DAYS} days after `asOf`. A multiple of seven: every drill keeps its weekday, and
 * with the time of day kept in the exercise's zone, its local time too.
 */
export function shiftDays(asOf: Date): number {
  const seed = Date.UTC(SEED_FIRST_DAY.year, SEED_FIRST_DAY.month - 1, SEED_FIRST_DAY.day);
  const earliest = kazakhDate(asOf) + LEAD_DAYS * DAY;
  const weeks = Math.ceil((earliest - seed) / (7 * DAY));
  // `|| 0` turns the -0 of a zero shift into 0.
  return weeks * 7 || 0;
}

/** A seed local time ("2026-10-25 08:00") moved by `days`, as an ISO instant in `zone`. */
export function placeLocal(seed: string, zone: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(seed);
  if (!m) throw new Error(`demo data: "${seed}" is not a seed time like 2026-10-25 08:00`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * DAY);
  const at = localToInstant(zone, {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: Number(m[4]),
    minute: Number(m[5]),
  });
  if ('error' in at) throw new Error(`demo data: ${at.error}`);
  return at.toISOString();
}
