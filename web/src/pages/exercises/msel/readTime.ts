import { isoToLocal, localToIso, parseOffset } from '../time';

/**
 * What a planner types into the time cell → minutes from STARTEX. Either an offset ("H+02:30") or a
 * wall-clock time in the exercise's zone ("2026-10-25 12:30", or "12:30" on STARTEX's day).
 */
export function readTime(text: string, startex: string, zone: string): number | null {
  const offset = parseOffset(text);
  if (offset !== null) return offset;
  const t = text.trim().replace(' ', 'T');
  const day = isoToLocal(startex, zone).slice(0, 10);
  const local = /^\d{1,2}:\d{2}$/.test(t) ? `${day}T${t.padStart(5, '0')}` : t;
  const iso = localToIso(local, zone);
  if (!iso) return null;
  return Math.round((Date.parse(iso) - Date.parse(startex)) / 60_000);
}
