import { describe, expect, it } from 'vitest';
import { placeLocal, shiftDays } from '../../src/services/demo/placement.js';

const weekday = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'Asia/Almaty' }).format(new Date(iso));

describe('placing the seed series after the as-of day', () => {
  it('keeps the seed dates when loaded a week before them', () => {
    expect(shiftDays(new Date('2026-10-14T12:00:00+05:00'))).toBe(0);
    expect(placeLocal('2026-10-25 07:00', 'Asia/Almaty', 0)).toBe('2026-10-25T02:00:00.000Z');
  });

  it('starts on the first Wednesday at least three days later, in whole weeks', () => {
    for (const day of ['2026-10-19', '2027-01-01', '2027-03-02', '2030-06-15']) {
      const asOf = new Date(`${day}T12:00:00+05:00`);
      const shift = shiftDays(asOf);
      expect(shift % 7).toBe(0);
      const start = placeLocal('2026-10-21 09:00', 'Asia/Almaty', shift);
      expect(weekday(start)).toBe('Wednesday');
      const lead = (Date.parse(start) - asOf.getTime()) / 86_400_000;
      expect(lead, day).toBeGreaterThan(2.5);
      expect(lead, day).toBeLessThan(10);
    }
  });

  it('reads the as-of day in Kazakh time: 23:30 UTC is already the next day in Astana', () => {
    expect(shiftDays(new Date('2026-10-14T23:30:00Z'))).toBe(
      shiftDays(new Date('2026-10-15T12:00:00+05:00')),
    );
  });
});
