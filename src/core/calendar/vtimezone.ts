/**
 * VTIMEZONE (RFC 5545 §3.6.5) from the runtime's time-zone database (Intl), so a calendar
 * application shows an exercise at the local time it was planned in, whatever zone it runs in.
 * Rather than guess recurrence rules, every offset change inside the range is written as its own
 * observance with a DTSTART — valid, exact, and simple to check.
 */

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms`, in whole minutes. */
export function offsetAt(zone: string, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(ms)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}

export interface Transition {
  /** The UTC instant the new offset applies from. */
  at: number;
  from: number;
  to: number;
}

/** Every offset change of `zone` between two instants, to the minute. */
export function transitions(zone: string, fromMs: number, toMs: number): Transition[] {
  const out: Transition[] = [];
  // Twelve-hour steps: no zone has changed its offset twice within half a day.
  const step = 12 * HOUR;
  let prevMs = fromMs;
  let prev = offsetAt(zone, prevMs);
  for (let t = fromMs + step; t <= toMs + step; t += step) {
    const cur = offsetAt(zone, t);
    if (cur !== prev) {
      let lo = prevMs;
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetAt(zone, mid) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, from: prev, to: cur });
    }
    prevMs = t;
    prev = cur;
  }
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "+0500", "-0330": the UTC-OFFSET value type. */
export function utcOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}

/** A UTC instant as the local DATE-TIME form (no Z) it reads as under `offsetMinutes`. */
function localStamp(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', start: string, from: number, to: number): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${start}`,
    `TZOFFSETFROM:${utcOffset(from)}`,
    `TZOFFSETTO:${utcOffset(to)}`,
    `TZNAME:${utcOffset(to)}`,
    `END:${kind}`,
  ];
}

/**
 * The VTIMEZONE of `zone` that is exact for every instant from `fromMs` to `toMs` (widened to whole
 * years). An offset that rises and falls back within the year is DAYLIGHT; a lasting change (as
 * Kazakhstan's move to one zone on 1 March 2024) is a new STANDARD. Lines end in CRLF.
 */
export function buildVtimezone(zone: string, fromMs: number, toMs: number): string {
  const start = Date.UTC(new Date(fromMs).getUTCFullYear(), 0, 1);
  const end = Date.UTC(new Date(toMs).getUTCFullYear() + 1, 0, 1);
  const initial = offsetAt(zone, start);
  const changes = transitions(zone, start, end);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`];
  lines.push(...observance('STANDARD', localStamp(start, initial), initial, initial));
  for (const [i, c] of changes.entries()) {
    const back = changes
      .slice(i + 1)
      .find((n) => n.to === c.from && n.at - c.at < 300 * 24 * HOUR && n.from === c.to);
    const kind = c.to > c.from && back ? 'DAYLIGHT' : 'STANDARD';
    lines.push(...observance(kind, localStamp(c.at, c.from), c.from, c.to));
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n') + '\r\n';
}
