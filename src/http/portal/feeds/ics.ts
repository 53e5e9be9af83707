import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { buildVtimezone } from '../../../core/calendar/vtimezone.js';
import { ZonedDate } from '../../../core/calendar/zoned-date.js';
import type { PublicNotice } from '../../../core/notice/notice.js';
import { areaLabel } from '../../../core/notice/area.js';
import { PORTAL_LANGS, texts, type PortalLang } from '../i18n.js';
import { pageUrl } from '../layout.js';
import { noticeCentre } from '../pages/format.js';
import { noticePath } from '../pages/notice.page.js';

const zoneCache = new Map<string, string>();

/**
 * VTIMEZONE blocks take tens of milliseconds to work out from Intl data; the site renders a feed
 * per notice, so each zone is worked out once per span of whole years and kept.
 */
function vtimezone(zone: string, fromMs: number, toMs: number): string {
  const from = Date.UTC(new Date(fromMs).getUTCFullYear() - 1, 0, 1);
  const to = Date.UTC(new Date(toMs).getUTCFullYear() + 1, 11, 31);
  const key = `${zone}|${from}|${to}`;
  let block = zoneCache.get(key);
  if (block === undefined) {
    block = buildVtimezone(zone, from, to);
    zoneCache.set(key, block);
  }
  return block;
}

function description(n: PublicNotice, lang: PortalLang): string {
  const t = texts(lang).notice;
  const parts: string[] = [];
  for (const l of PORTAL_LANGS) {
    const text = n.snapshot.texts[l];
    if (!text) continue;
    parts.push([text.title, text.summary, texts(l).notice.drillNote].join('\n'));
  }
  parts.push(
    n.snapshot.areas
      .map((a) => `${a.kind === 'closure' ? t.closure : t.area}: ${areaLabel(a, lang)}`)
      .join('\n'),
  );
  return parts.filter(Boolean).join('\n\n');
}

/**
 * The notices as an iCalendar feed. A notice keeps one UID for life; SEQUENCE is its revision, so a
 * correction replaces the event in a subscribed calendar and a cancellation marks it CANCELLED.
 */
export function renderIcs(notices: PublicNotice[], baseUrl: string, name: string, stamp: Date): string {
  const base = baseUrl.replace(/\/+$/, '');
  const zones = notices.map((n) => n.snapshot.timeZone);
  const common = zones.sort(
    (a, b) => zones.filter((z) => z === b).length - zones.filter((z) => z === a).length,
  )[0];
  const from = Math.min(...notices.map((n) => Date.parse(n.snapshot.startsAt)), stamp.getTime());
  const to = Math.max(...notices.map((n) => Date.parse(n.snapshot.endsAt)), stamp.getTime());
  // As in the exercise calendar: the calendar-level zone stays unnamed so DTSTAMP keeps its Z.
  const calendar = ical({
    name,
    prodId: { company: 'Dabyl', product: 'Public notices', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 1800,
    timezone: { name: null, generator: (tz: string) => vtimezone(tz, from, to) },
    ...(common ? { x: { 'X-WR-TIMEZONE': common } } : {}),
  });
  for (const n of notices) {
    const lang = PORTAL_LANGS.find((l) => n.snapshot.texts[l]) ?? 'kk';
    const title = n.snapshot.texts[lang]?.title ?? n.slug;
    const centre = noticeCentre(n.snapshot);
    calendar.createEvent({
      id: `notice-${n.id}@dabyl`,
      sequence: n.revision,
      start: new ZonedDate(Date.parse(n.snapshot.startsAt)),
      end: new ZonedDate(Date.parse(n.snapshot.endsAt)),
      timezone: n.snapshot.timeZone,
      stamp,
      created: new Date(n.firstPublishedAt),
      lastModified: new Date(n.publishedAt),
      summary: `${texts(lang).notice.drill}: ${title}`,
      description: description(n, lang),
      url: pageUrl(lang, noticePath(n.slug), base),
      status: n.kind === 'Cancel' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(n.snapshot.city || centre
        ? {
            location: {
              title: n.snapshot.city ?? title,
              ...(centre ? { geo: { lon: centre[0], lat: centre[1] } } : {}),
            },
          }
        : {}),
    });
  }
  return calendar.toString();
}
