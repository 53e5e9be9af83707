/**
 * Local times in an exercise's IANA zone. Planners think in the wall clock of the city where the
 * drill happens, not in the zone of the browser they plan from, so every conversion names the zone.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(zone: string, at: Date) {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year ?? 0,
    month: p.month ?? 1,
    day: p.day ?? 1,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Almaty: +300). */
export function zoneOffsetMinutes(zone: string, at: Date): number {
  const p = partsIn(zone, at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** "UTC+05:00" */
export function utcOffsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A datetime-local value ("2026-10-25T10:00") read as wall-clock time in `zone` → an instant with
 * its offset, as the API wants it ("2026-10-25T10:00:00+05:00"); null when the text is not a time.
 */
export function localToIso(local: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // The offset at the guessed instant can differ from the one at the real instant near a DST change.
  let offset = zoneOffsetMinutes(zone, new Date(guess));
  offset = zoneOffsetMinutes(zone, new Date(guess - offset * 60_000));
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant → the datetime-local value of its wall-clock time in `zone`. */
export function isoToLocal(iso: string, zone: string): string {
  const p = partsIn(zone, new Date(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2026-10-25 10:00 (UTC+05:00)", the same shape the API gives for scheduledLocal. */
export function formatLocal(at: Date, zone: string): string {
  const p = partsIn(zone, at);
  const off = utcOffsetLabel(zoneOffsetMinutes(zone, at));
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} (${off})`;
}

/** Reads "H+02:30", "H-00:15" or plain minutes ("150") → minutes from STARTEX; null otherwise. */
export function parseOffset(text: string): number | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  const m = /^H([+-])(\d{1,4}):([0-5]\d)$/.exec(t);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    return m[1] === '-' ? -minutes : minutes;
  }
  const n = /^([+-]?)(\d{1,6})$/.exec(t);
  if (n) return (n[1] === '-' ? -1 : 1) * Number(n[2]);
  return null;
}

/** Minutes → "H+02:30". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `H${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export const DEFAULT_ZONE = 'Asia/Almaty';

/** Every zone this browser knows, Kazakhstan's first since most exercises happen there. */
export function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const home = ['Asia/Almaty', 'Asia/Qostanay', 'Asia/Aqtobe', 'Asia/Aqtau', 'Asia/Atyrau', 'Asia/Oral'];
  const first = home.filter((z) => all.includes(z) || z === DEFAULT_ZONE);
  return [...first, ...all.filter((z) => !first.includes(z)), ...(all.includes('UTC') ? [] : ['UTC'])];
}
