import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolygonRegion } from '../../src/core/area/polygon.region.js';
import type { AlertRing } from '../../src/core/boundary/alert-ring.js';
import type { Db } from '../../src/store/db.js';
import { ENGINES } from '../support/engines.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';
import { square } from '../boundaries/fixtures.js';

/*
 * Migration 0045 gives every boundary its alert ring, stored. Tried on a set as 0044 left it: a
 * detailed outline, a boundary of two parts, and enough small ones that the rows are read in more
 * than one batch. After it each has its ring (the JSON `null` for the two parts), every other value
 * is as it was, and the set can still be written to.
 */

type Ring = [number, number][];

const SET = 'before-0045';
const AT = '2026-12-01T08:00:00.000Z';

/** A wobbly outline of `n` positions around Astana, 7 decimals. */
function wobbly(n: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.3 * (1 + 0.2 * Math.sin(3 * a) + 0.05 * Math.sin(17 * a));
    ring.push([
      Number((71.45 + 1.6 * r * Math.cos(a)).toFixed(7)),
      Number((51.17 + r * Math.sin(a)).toFixed(7)),
    ]);
  }
  ring.push([...ring[0]!]);
  return ring;
}

const DETAILED = wobbly(2000);

const row = (i: number, code: string, geometry: object, parts = 1, points = 5) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  set_name: SET,
  code,
  level: 'district',
  region: 'KZ-71',
  name_kk: `${code} kk`,
  name_ru: `${code} ru`,
  name_en: `${code} en`,
  geometry: JSON.stringify(geometry),
  parts,
  points,
  west: 71,
  south: 51,
  east: 72,
  north: 52,
});

// Every column as 0044 had it, so the comparison after the migration covers each one.
const BEFORE = [
  row(1, 'detailed', { type: 'Polygon', coordinates: [DETAILED] }, 1, DETAILED.length),
  row(
    2,
    'islands',
    { type: 'MultiPolygon', coordinates: [[square(76.9, 43.2)], [square(77.0, 43.2)]] },
    2,
    10,
  ),
  // More than one batch of the migration's reading (20 rows).
  ...Array.from({ length: 30 }, (_, i) =>
    row(10 + i, `small-${i}`, { type: 'Polygon', coordinates: [square(70 + i / 10, 45)] }),
  ),
];

describe.each(ENGINES)('migration 0045 (boundary alert ring) on %s', (engine) => {
  let migration: DbAtMigration;
  let db: Db;

  const rows = () => db.kysely.selectFrom('boundaries').selectAll().orderBy('id').execute();
  const ringOf = async (code: string) =>
    (
      await db.kysely
        .selectFrom('boundaries')
        .select('alert_ring')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).alert_ring;

  beforeAll(async () => {
    migration = await openAtMigration(engine, '0044-sms-rounds');
    db = migration.db;
    await db.kysely
      .insertInto('boundary_sets')
      .values({ name: SET, approximate: 0, features: BEFORE.length, imported_by: null, imported_at: AT })
      .execute();
    await db.kysely.insertInto('boundaries').values(BEFORE).execute();
    await migration.toLatest();
  }, 60_000);
  afterAll(() => migration?.drop());

  it('keeps every boundary with all its values', async () => {
    const after = await rows();
    expect(
      after.map(({ alert_ring: _, ...r }) => ({
        ...r,
        parts: Number(r.parts),
        points: Number(r.points),
        west: Number(r.west),
        south: Number(r.south),
        east: Number(r.east),
        north: Number(r.north),
      })),
    ).toEqual(BEFORE);
  });

  it('gives the detailed outline a ring of at most 100 positions that covers it', async () => {
    const ring = JSON.parse((await ringOf('detailed'))!) as AlertRing;
    expect(ring).toMatchObject({ simplified: true, from: 2000, points: ring.ring.length });
    expect(ring.points).toBeLessThanOrEqual(100);
    const cover = new PolygonRegion([{ kind: 'polygon', rings: [Float64Array.from(ring.ring.flat())] }]);
    expect(DETAILED.filter(([lon, lat]) => !cover.contains(lon, lat))).toEqual([]);
  });

  it('stores the JSON null, not SQL NULL, for a boundary of two parts', async () => {
    expect(await ringOf('islands')).toBe('null');
  });

  it('fills every row, past the first batch', async () => {
    const after = await rows();
    expect(after.filter((r) => r.alert_ring === null)).toEqual([]);
    expect(JSON.parse((await ringOf('small-29'))!)).toEqual({
      ring: square(72.9, 45),
      points: 5,
      from: 4,
      simplified: false,
    });
  });

  it('still takes a boundary written as before, without a ring, for its first read to fill', async () => {
    await db.kysely
      .insertInto('boundaries')
      .values(row(100, 'written-as-before', { type: 'Polygon', coordinates: [square(71, 51)] }))
      .execute();
    expect(await ringOf('written-as-before')).toBeNull();
  });
});
