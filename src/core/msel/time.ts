/**
 * MSEL times. An event is scheduled as an offset from STARTEX ("H+02:30", "H-00:15", "D+1 06:00") or as
 * a wall-clock local time in the exercise's IANA zone; both are always shown. Scenario time is free
 * text ("day 2, 06:00") because the story's clock may run differently from the real one.
 */

import { problemText, type FieldFault, type FieldProblem, type MessageParams } from '../messages/messages.js';

const MINUTE = 60_000;

/** A time that cannot be read: the English sentence, and its catalogue key for other readers. */
export interface TimeError {
  error: string;
  fault: FieldFault;
}

export const timeError = (problem: FieldProblem, params: MessageParams): TimeError => ({
  error: problemText('en', problem, params),
  fault: { problem, params },
});

export interface ParsedOffset {
  minutes: number;
}

/**
 * Reads "H+02:30", "H+2:30", "H-00:15", "+150" (minutes), "D+1 06:00" (day 1 after STARTEX's day at
 * 06:00 is not an offset — see {@link parseWallClock}) → minutes from STARTEX. Returns an error
 * sentence instead of throwing so an importer can report it per row.
 */
export function parseOffset(text: string): ParsedOffset | TimeError {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  let m = /^H([+-])(\d{1,4}):(\d{2})$/.exec(t);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    if (Number(m[3]) > 59) return timeError('offset_minutes_range', { value: text });
    return { minutes: m[1] === '-' ? -minutes : minutes };
  }
  m = /^([+-]?)(\d{1,5})$/.exec(t);
  if (m) return { minutes: (m[1] === '-' ? -1 : 1) * Number(m[2]) };
  return timeError('not_an_offset', { value: text });
}

/** Minutes → "H+02:30" / "H-00:15". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `H${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a formatter costs far more than using one; imports and the MSEL grid convert thousands
// of times in a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = makeFormatter(zone);
    formatters.set(zone, f);
  }
  return f;
}

function partsIn(zone: string, at: Date): LocalParts {
  const f = formatterFor(zone);
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

function makeFormatter(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Almaty in 2026: +300). */
export function zoneOffsetMinutes(zone: string, at: Date): number {
  const p = partsIn(zone, at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / MINUTE);
}

/**
 * The UTC instant of a local wall-clock time in `zone`, from the time-zone database (never a fixed
 * offset). A time that does not exist (skipped by a DST change) or exists twice is reported.
 */
export function localToInstant(
  zone: string,
  local: { year: number; month: number; day: number; hour: number; minute: number },
): Date | TimeError {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const candidates = new Set<number>();
  for (const probe of [guess - 14 * 3600_000, guess, guess + 14 * 3600_000]) {
    candidates.add(guess - zoneOffsetMinutes(zone, new Date(probe)) * MINUTE);
  }
  const hits = [...candidates].filter((c) => {
    const p = partsIn(zone, new Date(c));
    return (
      p.year === local.year &&
      p.month === local.month &&
      p.day === local.day &&
      p.hour === local.hour &&
      p.minute === local.minute
    );
  });
  const label = `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}`;
  if (hits.length === 0) return timeError('time_skipped', { time: label, zone });
  if (hits.length > 1) return timeError('time_twice', { time: label, zone });
  return new Date(hits[0]!);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-10-25 14:30" or "2026-10-25T14:30" (local, no zone) → instant in `zone`. */
export function parseWallClock(text: string, zone: string): Date | { error: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::00)?$/.exec(text.trim());
  if (!m) return { error: `"${text}" is not a local date and time like 2026-10-25 14:30` };
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59)
    return { error: `"${text}" is not a real date and time` };
  return localToInstant(zone, { year, month, day, hour, minute });
}

/** An instant as local wall-clock text in `zone`, with the zone's offset: "2026-10-25 14:30 (UTC+05:00)". */
export function formatLocal(at: Date, zone: string): string {
  const p = partsIn(zone, at);
  const off = zoneOffsetMinutes(zone, at);
  const sign = off < 0 ? '-' : '+';
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} (UTC${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)})`;
}

/** Scheduled instant of an event from its offset. */
export function instantOf(startex: Date, offsetMinutes: number): Date {
  return new Date(startex.getTime() + offsetMinutes * MINUTE);
}

/** Offset of an instant from STARTEX, in whole minutes. */
export function offsetOf(startex: Date, at: Date): number {
  return Math.round((at.getTime() - startex.getTime()) / MINUTE);
}
