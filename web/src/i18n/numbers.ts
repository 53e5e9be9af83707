import type { FormatterModule } from 'i18next';
import { intlLocale } from './dates';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * A number as the reader's language writes it: "1 250 000" in Kazakh and Russian, "1,250,000" in
 * English, "12,5" in Russian. Four digits stay whole (an inject's number, a year, a port), so only
 * the counts a person must read at a glance (an alert's reach, a fan-out's progress) are grouped.
 */
export function formatNumber(lng: string, value: number, { digits }: { digits?: number } = {}): string {
  const key = `${lng}|${digits ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(lng), {
      useGrouping: 'min2',
      // A fixed number of decimals where a column of them is compared ("1,5 s" above "12,0 s").
      ...(digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    });
    formats.set(key, format);
  }
  return format.format(value);
}

/**
 * Every number put into a sentence is written in the sentence's language ("reaches 1 250 000
 * residents", not "1250000"). Plurals are unaffected: i18next picks them from the raw count.
 */
export const numbersInSentences: FormatterModule = {
  type: 'formatter',
  init: () => undefined,
  add: () => undefined,
  addCached: () => undefined,
  format: (value: unknown, format, lng) =>
    // The console's strings use no named formats; a value that is not a finite number is left as is.
    (typeof value === 'number' && Number.isFinite(value) && !format
      ? formatNumber(lng ?? 'en', value)
      : value) as string,
};
