import { createHash } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { buildVtimezone } from '../../core/calendar/vtimezone.js';
import { ZonedDate } from '../../core/calendar/zoned-date.js';
import type { PlanGeometry } from '../../core/exercise/geometry.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { notFound } from '../../errors.js';
import { calendarRepository } from '../../store/calendar.repository.js';
import { exerciseRepository, programmeRepository } from '../../store/exercise.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import type { AppContext, Q } from '../context.js';
import { CALENDAR_TEXTS } from './calendar.texts.js';
import { stringsFor, term, type DocumentLang } from './documents/i18n/strings.js';
import { readableExercise, readScopesOf } from './exercises.service.js';

/** One VEVENT before its SEQUENCE is known. */
interface FeedEvent {
  uid: string;
  start: Date;
  end: Date;
  timeZone: string;
  summary: string;
  description: string;
  location: string | null;
  geo: { lat: number; lon: number } | null;
  status: ICalEventStatus;
  lastModified: Date;
  /**
   * What the texts are made from, in no language: SEQUENCE follows these, so a feed read in
   * Kazakh by one subscriber and in Russian by another does not count as a change.
   */
  facts: unknown[];
}

/** A representative point of a line or polygon for GEO: the mean of its vertices. */
function pointOf(g: PlanGeometry): { lat: number; lon: number } | null {
  const flat = JSON.stringify(g.coordinates).match(/-?\d+(\.\d+)?(e-?\d+)?,-?\d+(\.\d+)?(e-?\d+)?/g) ?? [];
  if (flat.length === 0) return null;
  let lon = 0;
  let lat = 0;
  for (const pair of flat) {
    const [x, y] = pair.split(',').map(Number) as [number, number];
    lon += x;
    lat += y;
  }
  return { lon: lon / flat.length, lat: lat / flat.length };
}

const statusOf = (row: ExerciseRow): ICalEventStatus =>
  row.status === 'draft'
    ? ICalEventStatus.TENTATIVE
    : row.status === 'archived' && row.startex > row.updated_at
      ? ICalEventStatus.CANCELLED
      : ICalEventStatus.CONFIRMED;

/**
 * The exercise itself (STARTEX–ENDEX) and each zone that has its own time window, the fixed words
 * in `lang`.
 */
async function eventsOf(db: Q, row: ExerciseRow, lang: DocumentLang): Promise<FeedEvent[]> {
  const venues = await planRepository.venues(db, row.id);
  const zones = await planRepository.zones(db, row.id);
  const main = venues[0];
  const place = (v: (typeof venues)[number]) => (v.address ? `${v.name}, ${v.address}` : v.name);
  const status = statusOf(row);
  const t = CALENDAR_TEXTS[lang];
  const ds = stringsFor(lang);
  const out: FeedEvent[] = [
    {
      uid: `${row.id}@dabyl`,
      start: new Date(row.startex),
      end: new Date(row.endex),
      timeZone: row.time_zone,
      summary: t.summary(row.name),
      description: [
        t.about(term(ds, row.type), row.city),
        row.scope ?? '',
        venues.length > 1 ? t.venues(venues.map(place).join('; ')) : '',
        row.handling ? t.handling(row.handling) : '',
      ]
        .filter(Boolean)
        .join('\n'),
      location: main ? (venues.length > 1 ? venues.map((v) => v.name).join('; ') : place(main)) : row.city,
      geo: main ? { lat: main.lat, lon: main.lon } : null,
      status,
      lastModified: new Date(row.updated_at),
      facts: [
        row.name,
        row.type,
        row.city,
        row.scope,
        venues.length > 1 ? venues.map(place) : [],
        row.handling,
      ],
    },
  ];
  for (const z of zones) {
    if (!z.starts_at || !z.ends_at) continue;
    const venue = venues.find((v) => v.id === z.venue_id);
    const what =
      z.kind === 'road-closure' ? ds.schedule.roadClosed(z.road ?? z.name) : `${term(ds, z.kind)}: ${z.name}`;
    out.push({
      uid: `${z.id}@dabyl`,
      start: new Date(z.starts_at),
      end: new Date(z.ends_at),
      timeZone: row.time_zone,
      summary: `${what} (${row.name})`,
      // Never the zone's notes: a feed shows what every reader may see (core/policy/visibility), and
      // the same facts for all keep each event's SEQUENCE from moving with who reads it.
      description: t.partOf(row.name),
      location: [z.road, venue?.name].filter(Boolean).join(', ') || z.name,
      geo: pointOf(JSON.parse(z.geometry) as PlanGeometry),
      status,
      lastModified: new Date(row.updated_at),
      facts: [z.kind, z.road, z.name, row.name],
    });
  }
  return out;
}

const fingerprintOf = (e: FeedEvent): string =>
  createHash('sha256')
    .update(JSON.stringify([e.start, e.end, e.timeZone, e.facts, e.location, e.geo, e.status]))
    .digest('hex');

/**
 * SEQUENCE for each event: 0 when first published, one more each time what a calendar shows of it
 * changes. Stored per UID because zones carry no version of their own; a conditional update keeps
 * concurrent readers from bumping twice.
 */
async function sequencesFor(ctx: AppContext, events: FeedEvent[]): Promise<Map<string, number>> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now().toISOString();
  const uids = events.map((e) => e.uid);
  const known = await calendarRepository.sequences(db, uids);
  let wrote = false;
  for (const e of events) {
    const fp = fingerprintOf(e);
    const stored = known.get(e.uid);
    if (!stored) await calendarRepository.insertSequence(db, e.uid, fp, now);
    else if (stored.fingerprint !== fp)
      await calendarRepository.bumpSequence(db, e.uid, stored.fingerprint, fp, now);
    else continue;
    wrote = true;
  }
  const final = wrote ? await calendarRepository.sequences(db, uids) : known;
  return new Map(uids.map((u) => [u, final.get(u)?.sequence ?? 0]));
}

async function render(ctx: AppContext, name: string, events: FeedEvent[]): Promise<string> {
  const sequences = await sequencesFor(ctx, events);
  const zones = events.map((e) => e.timeZone);
  const common = zones.sort(
    (a, b) => zones.filter((z) => z === b).length - zones.filter((z) => z === a).length,
  )[0];
  const from = Math.min(...events.map((e) => e.start.getTime()));
  const to = Math.max(...events.map((e) => e.end.getTime()));
  // The calendar-level zone stays unnamed: named, ical-generator writes DTSTAMP and LAST-MODIFIED as
  // local time without Z, which RFC 5545 forbids. The generator still writes a VTIMEZONE for every
  // zone the events use, and X-WR-TIMEZONE tells Google and Outlook which one to show.
  const calendar = ical({
    name,
    prodId: { company: 'Dabyl', product: 'Exercise calendar', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
    timezone: { name: null, generator: (tz: string) => buildVtimezone(tz, from, to) },
    ...(common ? { x: { 'X-WR-TIMEZONE': common } } : {}),
  });
  const stamp = ctx.clock.now();
  for (const e of events) {
    const data: ICalEventData = {
      id: e.uid,
      sequence: sequences.get(e.uid) ?? 0,
      start: new ZonedDate(e.start.getTime()),
      end: new ZonedDate(e.end.getTime()),
      timezone: e.timeZone,
      stamp,
      lastModified: e.lastModified,
      summary: e.summary,
      description: e.description,
      status: e.status,
    };
    if (e.location || e.geo)
      data.location = { title: e.location ?? e.summary, ...(e.geo ? { geo: e.geo } : {}) };
    calendar.createEvent(data);
  }
  return calendar.toString();
}

/**
 * The iCalendar feed of one exercise: the exercise and its timed zones and road closures, its fixed
 * words in `lang` (the subscriber's language).
 */
export async function exerciseCalendar(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
  lang: DocumentLang,
): Promise<string> {
  const { row } = await readableExercise(ctx.db.kysely, actor, exerciseId);
  return render(ctx, row.name, await eventsOf(ctx.db.kysely, row, lang));
}

/** The iCalendar feed of a programme: every exercise in it that the actor may read, in `lang`. */
export async function programmeCalendar(
  ctx: AppContext,
  actor: Actor,
  programmeId: string,
  lang: DocumentLang,
): Promise<string> {
  const db = ctx.db.kysely;
  const programme = await programmeRepository.get(db, programmeId);
  if (!programme) throw notFound('Programme');
  const all = await exerciseRepository.list(db, { programmeId });
  const scopes = await readScopesOf(db, all);
  const rows = all.filter((r) => can(actor, 'exercises:read', scopes.get(r.id)!));
  const events: FeedEvent[] = [];
  for (const r of rows) events.push(...(await eventsOf(db, r, lang)));
  return render(ctx, programme.name, events);
}
