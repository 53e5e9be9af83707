import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatLocal,
  formatOffset,
  localToInstant,
  parseOffset,
  parseWallClock,
  zoneOffsetMinutes,
} from './time.js';

describe('MSEL offsets', () => {
  it.each([
    ['H+02:30', 150],
    ['h+2:30', 150],
    ['H-00:15', -15],
    ['+90', 90],
    ['H+100:00', 6000],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseOffset(text)).toEqual({ minutes });
  });

  it.each(['H+2', 'H+02:75', 'noon', ''])('refuses %s with a sentence', (text) => {
    expect(parseOffset(text)).toHaveProperty('error');
  });

  it('formats and reads back every offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 100_000 }), (m) => {
        expect(parseOffset(formatOffset(m))).toEqual({ minutes: m });
      }),
    );
  });
});

describe('wall-clock times in IANA zones', () => {
  it('knows Kazakhstan moved to one UTC+5 zone on 1 March 2024', () => {
    expect(zoneOffsetMinutes('Asia/Almaty', new Date('2024-02-01T00:00:00Z'))).toBe(360);
    expect(zoneOffsetMinutes('Asia/Almaty', new Date('2024-06-01T00:00:00Z'))).toBe(300);
  });

  it('turns Astana local time into UTC with the zone database', () => {
    expect(parseWallClock('2026-10-25 14:30', 'Asia/Almaty')).toEqual(new Date('2026-10-25T09:30:00Z'));
    expect(formatLocal(new Date('2026-10-25T09:30:00Z'), 'Asia/Almaty')).toBe('2026-10-25 14:30 (UTC+05:00)');
  });

  it('reports a local time skipped by a DST change, and one that happens twice', () => {
    expect(
      localToInstant('Europe/Berlin', { year: 2026, month: 3, day: 29, hour: 2, minute: 30 }),
    ).toHaveProperty('error', expect.stringContaining('does not exist'));
    expect(
      localToInstant('Europe/Berlin', { year: 2026, month: 10, day: 25, hour: 2, minute: 30 }),
    ).toHaveProperty('error', expect.stringContaining('twice'));
  });

  it('round-trips any instant through local text in several zones', () => {
    const zones = ['Asia/Almaty', 'Asia/Qyzylorda', 'Europe/Moscow', 'UTC', 'America/New_York'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (minute, zone) => {
          const at = new Date(minute * 60_000);
          const text = formatLocal(at, zone).slice(0, 16);
          const back = parseWallClock(text, zone);
          if (back instanceof Date) expect(back.getTime()).toBe(at.getTime());
          else expect(back.error).toMatch(/twice/);
        },
      ),
    );
  });

  it('refuses text that is not a date', () => {
    expect(parseWallClock('25.10.2026', 'Asia/Almaty')).toHaveProperty('error');
    expect(parseWallClock('2026-13-01 10:00', 'Asia/Almaty')).toHaveProperty('error');
  });
});
