import { HOME_ZONES } from '../../../contract/zones.js';
import { offsetAt } from '../../../core/calendar/vtimezone.js';
import type { NoticeSnapshot } from '../../../core/notice/notice.js';
import { PLACES, type NamedPlace } from '../../../core/notice/places.js';
import { texts, type PortalLang } from '../i18n.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: PortalLang, timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${withDate}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(texts(lang).locale, {
      timeZone,
      ...(withDate ? { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(key, f);
  }
  return f;
}

/** A time window in the notice's own zone, in the reader's language: "Tue, 3 November 2026, 10:00 – 14:00". */
export function formatWindow(lang: PortalLang, timeZone: string, startsAt: string, endsAt: string): string {
  return dateFormat(lang, timeZone, true).formatRange(new Date(startsAt), new Date(endsAt));
}

export function formatInstant(lang: PortalLang, timeZone: string, at: string): string {
  return dateFormat(lang, timeZone, true).format(new Date(at));
}

/** The zone as a reader can check it: "Алматы, UTC+05:00". */
export function zoneName(timeZone: string, at: string, lang: PortalLang): string {
  const minutes = offsetAt(timeZone, Date.parse(at));
  const a = Math.abs(minutes);
  const hhmm = `${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  // Kazakhstan's zones by their city; any other keeps its IANA code, which residents rarely meet.
  return `${HOME_ZONES[timeZone]?.[lang] ?? timeZone}, UTC${minutes < 0 ? '−' : '+'}${hhmm}`;
}

/**
 * The gazetteer's city a notice names, in any of its spellings or by id. Planners often write it
 * in several at once ("Karaganda (Қарағанды / Караганда)"); any one of those spellings will do.
 */
export function cityPlace(city: string | null): NamedPlace | undefined {
  if (!city) return undefined;
  const whole = city.trim().toLowerCase();
  const parts = [whole, ...whole.split(/[()/,;]/).map((p) => p.trim())].filter(Boolean);
  for (const wanted of parts) {
    const found = PLACES.find(
      (p) =>
        p.kind === 'city' &&
        (p.id === wanted || Object.values(p.names).some((n) => n.toLowerCase() === wanted)),
    );
    if (found) return found;
  }
  return undefined;
}

/** The notice's city in the reader's language where the gazetteer knows it; as written otherwise. */
export function cityName(lang: PortalLang, city: string | null): string | null {
  return cityPlace(city)?.names[lang] ?? city;
}

/** Every vertex of a notice's areas, lon/lat. */
export function noticePoints(snapshot: NoticeSnapshot): [number, number][] {
  const out: [number, number][] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') out.push([v[0], v[1]]);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  for (const a of snapshot.areas) walk(a.geometry.coordinates);
  return out;
}

/** Where a notice is on a country map: the middle of its areas, or its city. */
export function noticeCentre(snapshot: NoticeSnapshot): [number, number] | null {
  const points = noticePoints(snapshot);
  if (points.length === 0) {
    const place = cityPlace(snapshot.city);
    return place ? [place.lon, place.lat] : null;
  }
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}
