import { describe, expect, it } from 'vitest';
import { buildVtimezone, offsetAt, transitions } from './vtimezone.js';

const ms = (iso: string) => Date.parse(iso);

describe('VTIMEZONE from the time-zone database', () => {
  it('gives Almaty one standard offset in 2026, after the 2024 move to UTC+5', () => {
    const text = buildVtimezone('Asia/Almaty', ms('2026-10-21T00:00:00Z'), ms('2026-11-03T00:00:00Z'));
    expect(text).toContain('TZID:Asia/Almaty');
    expect(text).toContain('TZOFFSETTO:+0500');
    expect(text).not.toContain('DAYLIGHT');
    expect(text.endsWith('END:VTIMEZONE\r\n')).toBe(true);
  });

  it('records the March 2024 change of Almaty from +0600 to +0500 as a lasting STANDARD', () => {
    const text = buildVtimezone('Asia/Almaty', ms('2024-01-10T00:00:00Z'), ms('2024-05-01T00:00:00Z'));
    expect(text).toMatch(
      /BEGIN:STANDARD\r\nDTSTART:20240301T000000\r\nTZOFFSETFROM:\+0600\r\nTZOFFSETTO:\+0500/,
    );
  });

  it('finds daylight saving time to the minute where a zone still has it', () => {
    const changes = transitions('Europe/Berlin', ms('2026-01-01T00:00:00Z'), ms('2027-01-01T00:00:00Z'));
    expect(changes.map((c) => new Date(c.at).toISOString())).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
    ]);
    const text = buildVtimezone('Europe/Berlin', ms('2026-06-01T00:00:00Z'), ms('2026-06-02T00:00:00Z'));
    expect(text).toMatch(
      /BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/,
    );
    expect(text).toMatch(
      /BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/,
    );
    expect(offsetAt('America/St_Johns', ms('2026-01-15T12:00:00Z'))).toBe(-210);
  });
});
