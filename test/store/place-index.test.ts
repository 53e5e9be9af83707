import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { circlePolygon } from '../../src/core/alert/area.js';
import type { AreaGeometry } from '../../src/core/notice/notice.js';
import { matchByScan } from '../../src/core/notice/match.js';
import { keepPlaceIndex, placeIndex, type PlaceIndex } from '../../src/services/subscriptions/place-index.js';
import type { Db } from '../../src/store/db.js';
import { subscriberRepository as subscribers } from '../../src/store/subscriber.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { subscriberRow as resident } from '../support/subscribers.js';

/*
 * The place index is kept between fan-outs and patched with the subscribers changed since it was
 * read (migration 0046 logs them). Whatever the changes, whoever makes them and however many rows
 * one statement touches, a patched index reaches exactly whom a fresh read of every place reaches;
 * it reads everything afresh only when the log cannot say what changed.
 */

const AT = '2026-12-06T05:00:00.000Z';
const ASTANA = { lon: 71.43, lat: 51.13 };

/** A seeded generator, so a failure can be run again as it was. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe.each(ENGINES)('the place index on %s', (engine) => {
  let db: Db;
  let drop: () => Promise<void>;
  const ids: string[] = [];
  const areas: AreaGeometry[] = [
    circlePolygon(ASTANA.lon, ASTANA.lat, 3000),
    circlePolygon(ASTANA.lon + 0.05, ASTANA.lat, 2000),
    circlePolygon(ASTANA.lon - 0.1, ASTANA.lat + 0.05, 8000),
  ];

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    db = rt.ctx.db;
    drop = rt.drop;
  });
  afterAll(() => drop());
  afterEach(() => vi.restoreAllMocks());

  const subscriberRow = (id: string) => resident(id, AT, { channels: '["email","sms"]' });

  const placeRow = (subscriberId: string, next: () => number) => ({
    id: randomUUID(),
    subscriber_id: subscriberId,
    kind: 'point',
    label: 'Астана',
    lon: ASTANA.lon + (next() - 0.5) * 0.3,
    lat: ASTANA.lat + (next() - 0.5) * 0.2,
    radius_m: Math.round(next() * 1500),
  });

  async function signUp(next: () => number): Promise<string> {
    const id = randomUUID();
    await subscribers.insert(db.kysely, subscriberRow(id));
    await subscribers.setContact(db.kysely, id, 'email', `${id}@example.org`, AT);
    await subscribers.verifyContact(db.kysely, id, 'email', AT);
    await subscribers.insertPlaces(db.kysely, [placeRow(id, next)]);
    ids.push(id);
    return id;
  }

  /** Whom each area reaches, as "subscriber channel address language", sorted. */
  function reach(index: PlaceIndex): string[][] {
    return areas.map((area) => {
      const out: string[] = [];
      for (const found of index.matchEach([area]))
        for (const i of found) {
          const o = index.owner(i);
          out.push(`${o.id} ${o.channel} ${o.address} ${o.language}`);
        }
      return out.sort();
    });
  }

  /** The same, from every active place read now and matched one by one. */
  async function truth(): Promise<string[][]> {
    const places = await subscribers.activePlaces(db.kysely);
    const circles = places.map((p) => ({ lon: p.lon, lat: p.lat, radiusM: p.radius_m }));
    return areas.map((area) =>
      matchByScan(circles, [area])
        .map((i) => {
          const p = places[i]!;
          return `${p.subscriber_id} ${p.channel} ${p.address} ${p.language}`;
        })
        .sort(),
    );
  }

  it('reaches exactly whom a fresh read reaches after every kind of change, patching rather than rereading', async () => {
    const next = random(46);
    for (let i = 0; i < 40; i++) await signUp(next);
    await placeIndex(db);
    const reads = vi.spyOn(subscribers, 'activePlaces');
    const pick = () => ids[Math.floor(next() * ids.length)]!;
    const changes: [string, () => Promise<unknown>][] = [
      ['sign-up', () => signUp(next)],
      ['another place', () => subscribers.insertPlaces(db.kysely, [placeRow(pick(), next)])],
      [
        'places replaced',
        () => (async (id: string) => subscribers.replacePlaces(db.kysely, id, [placeRow(id, next)]))(pick()),
      ],
      [
        'places removed',
        () => db.kysely.deleteFrom('subscription_places').where('subscriber_id', '=', pick()).execute(),
      ],
      [
        'new address, unverified',
        () => subscribers.setContact(db.kysely, pick(), 'email', `${randomUUID()}@mail.kz`, AT),
      ],
      ['address verified', () => subscribers.verifyContact(db.kysely, pick(), 'email', AT)],
      [
        'an SMS number, verified',
        async () => {
          const id = pick();
          await subscribers.setContact(db.kysely, id, 'sms', `+7701${Math.floor(next() * 1e7)}`, AT);
          await subscribers.verifyContact(db.kysely, id, 'sms', AT);
        },
      ],
      ['unsubscribed', () => subscribers.update(db.kysely, pick(), 'active', { status: 'unsubscribed' })],
      ['subscribed again', () => subscribers.update(db.kysely, pick(), 'unsubscribed', { status: 'active' })],
      [
        'language',
        () =>
          db.kysely
            .updateTable('subscribers')
            .set({ language: next() < 0.5 ? 'ru' : 'en' })
            .where('id', '=', pick())
            .execute(),
      ],
      [
        'channels',
        () =>
          db.kysely
            .updateTable('subscribers')
            .set({ channels: next() < 0.5 ? '["sms"]' : '["email"]' })
            .where('id', '=', pick())
            .execute(),
      ],
      ['erased', () => subscribers.remove(db.kysely, ids.splice(Math.floor(next() * ids.length), 1)[0]!)],
      [
        'a place moved to another subscriber',
        async () => {
          const place = await db.kysely
            .selectFrom('subscription_places')
            .select('id')
            .limit(1)
            .executeTakeFirst();
          if (place)
            await db.kysely
              .updateTable('subscription_places')
              .set({ subscriber_id: pick() })
              .where('id', '=', place.id)
              .execute();
        },
      ],
      [
        'many at once',
        () =>
          db.kysely
            .updateTable('subscribers')
            .set({ language: 'ru' })
            .where('id', 'in', ids.slice(0, 15))
            .execute(),
      ],
    ];
    for (let step = 0; step < 120; step++) {
      const [name, change] = changes[Math.floor(next() * changes.length)]!;
      await change();
      expect(reach(await placeIndex(db)), `after step ${step}: ${name}`).toEqual(await truth());
    }
    // Everything was read once per step by `truth`, and by the index only for the changed few.
    expect(reads.mock.calls.filter((call) => call[1] === undefined)).toHaveLength(120);
  });

  it('is the same index while nothing changed', async () => {
    const first = await placeIndex(db);
    expect(await placeIndex(db)).toBe(first);
  });

  it('shows a transaction its own changes and keeps nothing of one that rolls back', async () => {
    const next = random(7);
    const id = randomUUID();
    const inside = await db.kysely
      .transaction()
      .execute(async (trx) => {
        await subscribers.insert(trx, { ...subscriberRow(id), language: 'en' });
        await subscribers.setContact(trx, id, 'email', `${id}@example.org`, AT);
        await subscribers.verifyContact(trx, id, 'email', AT);
        await subscribers.insertPlaces(trx, [{ ...placeRow(id, next), lon: ASTANA.lon, lat: ASTANA.lat }]);
        const seen = reach(await placeIndex(db, trx));
        throw Object.assign(new Error('rolled back'), { seen });
      })
      .catch((err: { seen: string[][] }) => err.seen);
    expect(inside[0]!.some((entry) => entry.startsWith(id))).toBe(true);
    // Another writer now takes the version the rolled-back one had.
    await signUp(next);
    const after = reach(await placeIndex(db));
    expect(after).toEqual(await truth());
    expect(after[0]!.some((entry) => entry.startsWith(id))).toBe(false);
  });

  it('reads everything afresh when more changed than patching is worth', async () => {
    await placeIndex(db);
    const reads = vi.spyOn(subscribers, 'activePlaces');
    const rows = Array.from({ length: 1200 }, () => subscriberRow(randomUUID()));
    for (let i = 0; i < rows.length; i += 300)
      await db.kysely
        .insertInto('subscribers')
        .values(rows.slice(i, i + 300))
        .execute();
    expect(reach(await placeIndex(db))).toEqual(await truth());
    expect(reads.mock.calls.filter((call) => call[1] === undefined)).toHaveLength(2);
  });

  it('is left behind rather than read afresh when a background look may not spend the time', async () => {
    const kept = await placeIndex(db);
    const rows = Array.from({ length: 1100 }, () => subscriberRow(randomUUID()));
    for (let i = 0; i < rows.length; i += 275)
      await db.kysely
        .insertInto('subscribers')
        .values(rows.slice(i, i + 275))
        .execute();
    const seen: string[] = [];
    const behind = await keepPlaceIndex(db, (version) => {
      seen.push(version);
      return false;
    });
    expect(behind).toMatchObject({ did: 'left behind', index: kept });
    expect(seen).toEqual([behind.version]);
    expect(await placeIndex(db)).not.toBe(kept);
    expect(await keepPlaceIndex(db, () => false)).toMatchObject({ did: 'nothing', version: behind.version });
    await signUp(random(3));
    expect((await keepPlaceIndex(db, () => false)).did).toBe('patched');
  });

  it.runIf(engine === 'postgres')(
    'reads everything afresh after a TRUNCATE, which names no subscriber',
    async () => {
      const next = random(11);
      await signUp(next);
      await placeIndex(db);
      await sql`truncate subscription_places`.execute(db.kysely);
      const reads = vi.spyOn(subscribers, 'activePlaces');
      expect(reach(await placeIndex(db))).toEqual([[], [], []]);
      expect(reads.mock.calls.filter((call) => call[1] === undefined)).toHaveLength(1);
    },
  );
});
