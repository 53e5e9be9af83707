import { describe, expect, it } from 'vitest';
import { formatCapDateTime, isCapDateTime, parseCapDateTime } from './datetime.js';

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
});
