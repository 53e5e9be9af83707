/**
 * The fan-out benchmarks' shared ground: residents inside a block of central Astana (each with one
 * place and a verified e-mail) seeded by raw multi-row inserts, a notice covering that block, its
 * publication as the notices workflow commits it, and the wait for its fan-out to finish writing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { NoticeSnapshot } from '../../src/core/notice/notice.js';
import { areaTexts } from '../../src/core/notice/testing.js';
import { appendAudit } from '../../src/services/audit.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { requestFanOut } from '../../src/services/outbox/fanout.js';

export interface Bbox {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** A 4 × 3 km block of central Astana: where the residents live. */
export const AREA: Bbox = { west: 71.41, east: 71.47, south: 51.115, north: 51.142 };
/** Far from AREA: where the small audience lives. */
export const PAVLODAR: Bbox = { west: 76.9, east: 77.0, south: 52.25, north: 52.33 };

/** A published notice's snapshot with one polygon over `area`. */
export function snapshot(id: string, area: Bbox = AREA): NoticeSnapshot {
  const { west, east, south, north } = area;
  return {
    id,
    slug: `drill-${id.slice(0, 8)}`,
    exerciseId: null,
    city: 'Astana',
    timeZone: 'Asia/Almaty',
    startsAt: '2026-10-21T04:00:00.000Z',
    endsAt: '2026-10-21T10:00:00.000Z',
    texts: {
      ru: { title: 'Учения', summary: 'Учения.', seeAndHear: '', doList: [], dontList: [], contacts: '112' },
    },
    areas: [
      {
        id: 'a',
        kind: 'area',
        texts: areaTexts('A'),
        startsAt: null,
        endsAt: null,
        zoneId: null,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [west, south],
              [east, south],
              [east, north],
              [west, north],
              [west, south],
            ],
          ],
        },
      },
    ],
  };
}

/** One multi-row INSERT: the query builder would cost more than the rows themselves at this size. */
export async function insertRows(ctx: AppContext, table: string, columns: string[], rows: unknown[][]) {
  const db = ctx.db;
  const n = columns.length;
  const tuple = (r: number) =>
    `(${columns.map((_, c) => (db.engine === 'sqlite' ? '?' : `$${r * n + c + 1}`)).join(',')})`;
  await db.kysely.executeQuery(
    CompiledQuery.raw(
      `insert into ${table} (${columns.join(',')}) values ${rows.map((_, r) => tuple(r)).join(',')}`,
      rows.flat(),
    ),
  );
}

/**
 * `count` residents inside AREA, and `far` more in Pavlodar, each with one place and a verified
 * e-mail `s<k>@example.org` (k from 0; the far ones numbered after the near ones).
 */
export async function seedResidents(ctx: AppContext, count: number, far = 10): Promise<void> {
  const at = new Date().toISOString();
  // 10 columns a subscriber: 1,500 rows stay under SQLite's and PostgreSQL's bound-parameter limits.
  const CHUNK = 1500;
  const total = count + far;
  for (let i = 0; i < total; i += CHUNK) {
    const subs: unknown[][] = [];
    const places: unknown[][] = [];
    const contacts: unknown[][] = [];
    for (let k = i; k < Math.min(total, i + CHUNK); k++) {
      const id = randomUUID();
      const isFar = k >= count;
      const lon = isFar ? 76.95 : AREA.west + Math.random() * (AREA.east - AREA.west);
      const lat = isFar ? 52.29 : AREA.south + Math.random() * (AREA.north - AREA.south);
      subs.push([
        id,
        `s${k}@example.org`,
        null,
        'ru',
        '["email"]',
        'active',
        randomBytes(8).toString('hex'),
        at,
        at,
        at,
      ]);
      places.push([randomUUID(), id, 'point', 'p', lon, lat, 300]);
      contacts.push([`email-${id}`, id, 'email', `s${k}@example.org`, at, at, at]);
    }
    await insertRows(
      ctx,
      'subscribers',
      [
        'id',
        'email',
        'name',
        'language',
        'channels',
        'status',
        'manage_token_hash',
        'created_at',
        'confirmed_at',
        'updated_at',
      ],
      subs,
    );
    await insertRows(
      ctx,
      'subscription_places',
      ['id', 'subscriber_id', 'kind', 'label', 'lon', 'lat', 'radius_m'],
      places,
    );
    await insertRows(
      ctx,
      'contacts',
      ['id', 'subscriber_id', 'channel', 'address', 'verified_at', 'created_at', 'updated_at'],
      contacts,
    );
    // SQLite's driver answers at once, so without this the loop would never let a timer run: the
    // checkpoint thread, which is asked from one, would copy nothing back until seeding ended.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The publication's transaction as the notices workflow makes it; returns its duration in ms. */
export async function publish(ctx: AppContext, snap: NoticeSnapshot): Promise<number> {
  const at = new Date().toISOString();
  const t = performance.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('notices')
      .values({
        id: snap.id,
        exercise_id: null,
        slug: snap.slug,
        status: 'published',
        city: 'Astana',
        time_zone: snap.timeZone,
        starts_at: snap.startsAt,
        ends_at: snap.endsAt,
        texts: '{}',
        areas: '[]',
        revision: 1,
        version: 1,
        created_by: null,
        submitted_by: null,
        submitted_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('notice_revisions')
      .values({
        notice_id: snap.id,
        revision: 1,
        kind: 'Alert',
        snapshot: JSON.stringify(snap),
        note: null,
        cap_identifier: `urn:bench:${snap.id}`,
        cap_xml: '<alert/>',
        drafted_by: null,
        published_by: 'bench',
        published_at: at,
      })
      .execute();
    await requestFanOut(ctx, trx, { sourceKind: 'notice', sourceId: snap.id, sequence: 1, mode: 'actual' });
    await appendAudit(ctx, trx, SYSTEM_ACTOR, {
      action: 'notice.published',
      subjectType: 'notice',
      subjectId: snap.id,
    });
  });
  return performance.now() - t;
}

/** Waits until the notice's fan-out record is done (or failed); returns how many deliveries it wrote. */
export async function waitWritten(ctx: AppContext, id: string): Promise<number> {
  for (;;) {
    const f = await ctx.db.kysely
      .selectFrom('fanouts')
      .select(['status', 'written'])
      .where('source_id', '=', id)
      .executeTakeFirst();
    if (f?.status === 'done' || f?.status === 'failed') return Number(f.written);
    await new Promise((r) => setTimeout(r, 20));
  }
}
