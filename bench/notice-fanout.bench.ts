/**
 * Notice fan-out, 100,000 subscribers spread over Kazakhstan's cities: our staged fan-out (the
 * publication's fan-out record, then the worker reading the active places, matching them against
 * the notice's Astana area and writing one delivery each in batches) beside a raw batched insert of the same delivery rows into the same database
 * (better-sqlite3 prepared statement in one transaction; pg multi-row INSERTs in one transaction).
 * Target (PERFORMANCE.md): ≥ 0.5× the raw insert's rate, on SQLite and on PostgreSQL.
 * Run: npx tsx bench/notice-fanout.bench.ts   (DABYL_BENCH_DATABASE_URL for another PostgreSQL)
 */
import { areaTexts } from '../src/core/notice/testing.js';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { NoticeSnapshot } from '../src/core/notice/notice.js';
import { PLACES } from '../src/core/notice/places.js';
import type { Runtime } from '../src/runtime.js';
import { PG_URL, withBenchRuntime, type BenchEngine, type BenchPlace } from './support/bench-runtime.js';
import { FanOutWorker } from '../src/jobs/fanout.worker.js';
import { requestFanOut } from '../src/services/outbox/fanout.js';
import { DELIVERY_COLUMNS } from '../src/store/delivery.repository.js';
import type { DeliveryRow } from '../src/store/outbox-tables.js';

const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const NOTICE = '99999999-9999-4999-8999-999999999999';
const COLUMNS = DELIVERY_COLUMNS;

/** Astana's city centre, about 4 × 3 km: the notice's area. */
const snapshot: NoticeSnapshot = {
  id: NOTICE,
  slug: 'astana-centre-drill',
  exerciseId: null,
  city: 'Astana',
  timeZone: 'Asia/Almaty',
  startsAt: '2026-10-21T04:00:00.000Z',
  endsAt: '2026-10-21T10:00:00.000Z',
  texts: {},
  areas: [
    {
      id: 'centre',
      kind: 'area',
      texts: areaTexts('City centre'),
      startsAt: null,
      endsAt: null,
      zoneId: null,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [71.41, 51.115],
            [71.47, 51.115],
            [71.47, 51.142],
            [71.41, 51.142],
            [71.41, 51.115],
          ],
        ],
      },
    },
  ],
};

/** Subscribers weighted towards the big cities: a third in Astana, a fifth in Almaty, the rest spread. */
function* subscribers(): Generator<{
  id: string;
  email: string;
  lang: string;
  lon: number;
  lat: number;
  r: number;
}> {
  const cities = PLACES.filter((p) => p.kind === 'city');
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const u = i % 15;
    const city = u < 5 ? cities[0]! : u < 8 ? cities[1]! : cities[2 + (i % (cities.length - 2))]!;
    const angle = Math.random() * 2 * Math.PI;
    const dist = Math.sqrt(Math.random()) * city.radiusM * 0.7;
    yield {
      id: randomUUID(),
      email: `s${i}@example.org`,
      lang: ['kk', 'ru', 'en'][i % 3]!,
      lat: city.lat + (dist * Math.sin(angle)) / 111_320,
      lon: city.lon + (dist * Math.cos(angle)) / (111_320 * Math.cos((city.lat * Math.PI) / 180)),
      r: 1000 + Math.random() * 4000,
    };
  }
}

async function seed(rt: Runtime): Promise<void> {
  const db = rt.ctx.db.kysely;
  const at = new Date().toISOString();
  let subs: object[] = [];
  let places: object[] = [];
  let contacts: object[] = [];
  const flush = async () => {
    await db
      .insertInto('subscribers')
      .values(subs as never)
      .execute();
    await db
      .insertInto('contacts')
      .values(contacts as never)
      .execute();
    contacts = [];
    await db
      .insertInto('subscription_places')
      .values(places as never)
      .execute();
    subs = [];
    places = [];
  };
  for (const s of subscribers()) {
    subs.push({
      id: s.id,
      email: s.email,
      name: null,
      language: s.lang,
      channels: '["email"]',
      status: 'active',
      confirm_token_hash: null,
      confirm_expires_at: null,
      manage_token_hash: randomBytes(16).toString('hex'),
      created_at: at,
      confirmed_at: at,
      updated_at: at,
    });
    contacts.push({
      id: `email-${s.id}`,
      subscriber_id: s.id,
      channel: 'email',
      address: s.email,
      verified_at: at,
      created_at: at,
      updated_at: at,
    });
    places.push({
      id: randomUUID(),
      subscriber_id: s.id,
      kind: 'point',
      label: 'p',
      lon: s.lon,
      lat: s.lat,
      radius_m: s.r,
    });
    if (subs.length === 2000) await flush();
  }
  if (subs.length) await flush();
  await db
    .insertInto('notices')
    .values({
      id: NOTICE,
      exercise_id: null,
      slug: snapshot.slug,
      status: 'published',
      city: 'Astana',
      time_zone: snapshot.timeZone,
      starts_at: snapshot.startsAt,
      ends_at: snapshot.endsAt,
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
  await db
    .insertInto('notice_revisions')
    .values({
      notice_id: NOTICE,
      revision: 1,
      kind: 'Alert',
      snapshot: JSON.stringify(snapshot),
      note: null,
      cap_identifier: 'urn:bench:fanout',
      cap_xml: '<alert/>',
      drafted_by: null,
      published_by: 'bench',
      published_at: at,
    })
    .execute();
}

async function ours(rt: Runtime): Promise<number> {
  await rt.ctx.db.kysely.deleteFrom('deliveries').execute();
  await rt.ctx.db.kysely.deleteFrom('fanouts').execute();
  const t = performance.now();
  await rt.ctx.db.kysely
    .transaction()
    .execute((trx) =>
      requestFanOut(rt.ctx, trx, { sourceKind: 'notice', sourceId: NOTICE, sequence: 1, mode: 'actual' }),
    );
  await new FanOutWorker(rt.ctx).drain();
  const ms = performance.now() - t;
  const n = await rt.ctx.db.kysely.selectFrom('fanouts').select('written').executeTakeFirstOrThrow();
  if (Number(n.written) === 0) throw new Error('the notice matched nobody');
  return ms;
}

const rowValues = (r: DeliveryRow) => COLUMNS.map((c) => r[c]);

function rawSqlite(file: string, rows: DeliveryRow[]): number {
  const db = new SQLite(file);
  db.pragma('synchronous = NORMAL');
  db.prepare('delete from deliveries').run();
  const insert = db.prepare(
    `insert into deliveries (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`,
  );
  const t = performance.now();
  db.transaction(() => {
    for (const r of rows) insert.run(...rowValues(r));
  })();
  const ms = performance.now() - t;
  db.close();
  return ms;
}

async function rawPg(schema: string, rows: DeliveryRow[]): Promise<number> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query('delete from deliveries');
  const chunk = 1000;
  const t = performance.now();
  await client.query('begin');
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    const tuples = part.map((r) => {
      const base = params.length;
      params.push(...rowValues(r));
      return `(${COLUMNS.map((_, k) => `$${base + k + 1}`).join(',')})`;
    });
    await client.query(`insert into deliveries (${COLUMNS.join(',')}) values ${tuples.join(',')}`, params);
  }
  await client.query('commit');
  const ms = performance.now() - t;
  await client.end();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(rt: Runtime, { dir, schema }: BenchPlace, engine: BenchEngine) {
  await seed(rt);
  // The first fan-out builds the place index from every active place; later ones reuse it until
  // the subscribers change, as a running server does between publications.
  const cold = await ours(rt);
  const mine: number[] = [];
  const raw: number[] = [];
  let rows: DeliveryRow[] = [];
  for (let run = 0; run < RUNS; run++) {
    mine.push(await ours(rt));
    rows = await rt.ctx.db.kysely.selectFrom('deliveries').selectAll().execute();
    raw.push(
      engine === 'sqlite' ? rawSqlite(path.join(dir, 'dabyl.sqlite'), rows) : await rawPg(schema, rows),
    );
  }
  const [m, r] = [median(mine), median(raw)];
  console.log(
    `${engine.padEnd(8)} ${SUBSCRIBERS} subscribers → ${rows.length} deliveries | ours ${m.toFixed(0)} ms ` +
      `(${Math.round((rows.length / m) * 1000)} rows/s) | raw insert ${r.toFixed(0)} ms ` +
      `(${Math.round((rows.length / r) * 1000)} rows/s) | ratio ${(r / m).toFixed(2)}× (target ≥ 0.5×)` +
      ` | first fan-out, building the place index: ${cold.toFixed(0)} ms, ratio ${(r / cold).toFixed(2)}×`,
  );
}

for (const engine of ['sqlite', 'postgres'] as const)
  await withBenchRuntime(engine, 'fanout', (rt, place) => bench(rt, place, engine));
