/**
 * Dates and times as the console writes them, one format per language for every screen, so none
 * falls back to the browser's own locale (a Kazakh screen in an English browser wrote "12/6/2026,
 * 5:47:00 PM").
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatting locale for a console language. English is written day first, as Kazakhstan and
 * the Kazakh and Russian screens beside it write dates: plain "en" is US order ("12/06/2026"), which
 * an HQ reads as 12 June.
 */
export const intlLocale = (lng: string): string => (lng === 'en' || lng.startsWith('en-') ? 'en-GB' : lng);

interface InstantOptions {
  /** Seconds too, as operations logs want them; minutes are enough elsewhere. */
  seconds?: boolean;
  /** The date alone, or the time of day alone; both when not given. */
  only?: 'date' | 'time';
  /** The exercise's zone; the reader's own when not given. */
  timeZone?: string;
}

export function formatFor(
  lng: string,
  { seconds = true, only, timeZone }: InstantOptions = {},
): Intl.DateTimeFormat {
  const key = `${lng}|${seconds}|${only ?? ''}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    // Operations logs are read across agencies and shifts: full year, 24-hour clock. Numbers, not
    // month names: some browsers' Kazakh data has none and shows "М12" for December.
    const date: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
    const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    if (seconds) time.second = '2-digit';
    format = new Intl.DateTimeFormat(intlLocale(lng), {
      ...(only === 'time' ? {} : date),
      ...(only === 'date' ? {} : time),
      ...(timeZone ? { timeZone } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * An instant as text in the reader's language ("06.12.2026, 17:39"), for sentences and table cells;
 * every date the console shows goes through here, so no screen falls back to the browser's locale.
 */
export const formatInstant = (lng: string, iso: string, options?: InstantOptions): string =>
  formatFor(lng, options).format(new Date(iso));
