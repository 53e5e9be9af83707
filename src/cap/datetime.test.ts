import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCapDateTime, isCapDateTime, parseCapDateTime } from './datetime.js';
import { capDateTime } from './testing/arbitraries.js';

/** The regex reading that the hand-scanned parser replaced, kept as its reference. */
function referenceParse(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([-+])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, , tzh, tzm] = m.slice(1).map(Number) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  if (tzh! > 14 || tzm! > 59) return undefined;
  if (day! > new Date(Date.UTC(year!, month!, 0)).getUTCDate()) return undefined;
  const offset = (m[7] === '-' ? -1 : 1) * (tzh! * 60 + tzm!);
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) - offset * 60_000);
  if (year! < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date;
}

const DIGITS_AND_MARKS = fc.constantFrom(...'0123456789-+:TZ .٣'.split(''));
/** Valid dateTimes, and the same with one character replaced, dropped or added. */
const dateTimeText = fc.oneof(
  capDateTime,
  fc
    .tuple(capDateTime, fc.nat(25), DIGITS_AND_MARKS, fc.constantFrom('replace', 'drop', 'add'))
    .map(([t, i, c, how]) =>
      how === 'replace'
        ? t.slice(0, i) + c + t.slice(i + 1)
        : how === 'drop'
          ? t.slice(0, i) + t.slice(i + 1)
          : t.slice(0, i) + c + t.slice(i),
    ),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 24 }),
      fc.constantFrom('+', '-'),
      fc.integer({ min: 0, max: 15 }),
    )
    .map(
      ([y, mo, d, h, sign, tz]) =>
        `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` +
        `T${String(h).padStart(2, '0')}:59:59${sign}${String(tz).padStart(2, '0')}:00`,
    ),
);

describe('CAP dateTime', () => {
  it('writes the time zone and drops fractions of a second', () => {
    expect(formatCapDateTime(new Date('2026-10-21T04:00:00.999Z'), 300)).toBe('2026-10-21T09:00:00+05:00');
    expect(formatCapDateTime(new Date('2026-10-21T04:00:00Z'))).toBe('2026-10-21T04:00:00-00:00');
    expect(formatCapDateTime(new Date('2026-10-21T04:00:00Z'), -210)).toBe('2026-10-21T00:30:00-03:30');
  });

  it('reads what it writes, and refuses Z, fractions and impossible dates', () => {
    expect(parseCapDateTime('2026-10-21T09:00:00+05:00')?.toISOString()).toBe('2026-10-21T04:00:00.000Z');
    for (const bad of [
      '2026-10-21T09:00:00Z',
      '2026-10-21T09:00:00.5+05:00',
      '2026-02-30T09:00:00+05:00',
      '2026-10-21 09:00:00+05:00',
      '2026-10-21T24:00:00+05:00',
    ]) {
      expect(isCapDateTime(bad)).toBe(false);
    }
  });

  it('reads exactly what the regex reading read, on valid, damaged and impossible dates', () => {
    fc.assert(
      fc.property(dateTimeText, (text) => {
        expect(parseCapDateTime(text)?.getTime()).toBe(referenceParse(text)?.getTime());
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      '0000-02-29T00:00:00+00:00',
      '0099-12-31T23:00:00-05:00',
      '2000-02-29T00:00:00+14:59',
    ]) {
      expect(parseCapDateTime(text)?.getTime()).toBe(referenceParse(text)?.getTime());
    }
  });
});
