import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  getBoundary,
  importBoundarySet,
  listBoundaries,
  listBoundarySets,
  removeBoundarySet,
} from '../../src/services/boundaries/boundaries.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { DEMO_BOUNDARIES } from '../../src/services/demo/boundaries.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { boundaryFeature, props, smallFile } from './fixtures.js';

/*
 * Boundary sets on both engines: a set imported, listed by level and by a name in any language,
 * read with its outline, replaced whole — or, when the new file is wrong anywhere, not at all — and
 * removed; each import and removal in the audit log.
 */

const refusal = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe.each(ENGINES)('boundary sets on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop?.());

  it('imports a set and lists it by level, then English name, with its geometry on request', async () => {
    const done = await importBoundarySet(ctx, SYSTEM_ACTOR, 'almaty-test', {
      approximate: true,
      geojson: smallFile(),
    });
    expect(done).toEqual({ name: 'almaty-test', approximate: true, features: 3, replaced: 0 });
    const all = await listBoundaries(ctx);
    expect(all.map((b) => b.code)).toEqual(['almaty', 'karaganda', 'medeu']);
    const medeu = all.find((b) => b.code === 'medeu')!;
    expect(medeu).toMatchObject({
      set: 'almaty-test',
      level: 'district',
      region: 'KZ-75',
      approximate: true,
      parts: 1,
      points: 5,
      names: { en: 'Medeu district', ru: 'Медеуский район' },
    });
    expect(medeu.bbox[0]).toBeCloseTo(76.9);
    expect(medeu.bbox[1]).toBeCloseTo(43.2);
    expect(medeu.bbox[2]).toBeCloseTo(76.92);
    expect(medeu.bbox[3]).toBeCloseTo(43.22);
    expect((await listBoundaries(ctx, { level: 'district' })).map((b) => b.code)).toEqual(['medeu']);
    // Any language, any case, or the code.
    expect((await listBoundaries(ctx, { q: 'МЕДЕУСКИЙ' })).map((b) => b.code)).toEqual(['medeu']);
    expect((await listBoundaries(ctx, { q: 'қарағанды' })).map((b) => b.code)).toEqual(['karaganda']);
    expect((await listBoundaries(ctx, { q: 'ALMATY' })).map((b) => b.code)).toEqual(['almaty']);
    expect(await listBoundaries(ctx, { level: 'region', q: 'almaty' })).toEqual([]);
    const full = await getBoundary(ctx, medeu.id);
    expect(full.geometry.type).toBe('Polygon');
    expect(full.geometry.coordinates[0]).toHaveLength(5);
    expect(full.geometry.coordinates[0]![0]).toEqual([76.9, 43.2]);
    const sets = await listBoundarySets(ctx);
    expect(sets).toEqual([
      {
        name: 'almaty-test',
        approximate: true,
        features: 3,
        importedAt: expect.any(String),
        importedBy: null,
      },
    ]);
  });

  it('replaces a set whole, keeping the ids of codes it had; a bad file leaves the old set intact', async () => {
    const before = await listBoundaries(ctx);
    const medeuId = before.find((b) => b.code === 'medeu')!.id;
    const bad = smallFile();
    bad.features.push(boundaryFeature(props('bad', 'district', 'Bad', { region: 'KZ-99' })));
    const refused = await refusal(
      importBoundarySet(ctx, SYSTEM_ACTOR, 'almaty-test', { approximate: false, geojson: bad }),
    );
    expect(refused.status).toBe(422);
    expect(refused.field).toBe('features[3].properties.region');
    expect(await listBoundaries(ctx)).toEqual(before);
    expect((await listBoundarySets(ctx))[0]).toMatchObject({ approximate: true, features: 3 });

    const next = smallFile();
    next.features.splice(2, 1);
    const done = await importBoundarySet(ctx, SYSTEM_ACTOR, 'almaty-test', {
      approximate: false,
      geojson: next,
    });
    expect(done).toEqual({ name: 'almaty-test', approximate: false, features: 2, replaced: 3 });
    const after = await listBoundaries(ctx);
    expect(after.map((b) => b.code)).toEqual(['almaty', 'medeu']);
    expect(after.find((b) => b.code === 'medeu')!.id).toBe(medeuId);
    expect(after.every((b) => !b.approximate)).toBe(true);
  });

  it('replaces a set imported twice at once one import after the other', async () => {
    const runs = await Promise.all(
      [true, false, true].map((approximate) =>
        importBoundarySet(ctx, SYSTEM_ACTOR, 'at-once', { approximate, geojson: smallFile() }),
      ),
    );
    expect(runs.map((r) => r.replaced).sort()).toEqual([0, 3, 3]);
    expect((await listBoundaries(ctx)).filter((b) => b.set === 'at-once')).toHaveLength(3);
    await removeBoundarySet(ctx, SYSTEM_ACTOR, 'at-once');
  });

  it('names every problem of a wrong file: the feature and the field', async () => {
    const file = {
      type: 'FeatureCollection',
      features: [
        boundaryFeature(props('a', 'city', 'A')),
        boundaryFeature(props('a', 'town', 'B')),
        boundaryFeature({ ...props('c', 'city', 'C'), 'name:ru': undefined }),
        boundaryFeature(props('d', 'city', '<script>alert(1)</script>')),
        {
          type: 'Feature',
          properties: props('e', 'city', 'E'),
          geometry: { type: 'Point', coordinates: [1, 2] },
        },
      ],
    };
    const err = await refusal(
      importBoundarySet(ctx, SYSTEM_ACTOR, 'wrong', { approximate: false, geojson: file }),
    );
    expect(err.errors!.map((e) => e.field)).toEqual([
      'features[1].properties.code',
      'features[1].properties.level',
      'features[2].properties.name:ru',
      'features[3].properties.name:kk',
      'features[3].properties.name:ru',
      'features[3].properties.name:en',
      'features[4].geometry',
    ]);
    expect(err.errors!.map((e) => e.fault?.problem)).toEqual([
      'listed_twice',
      'one_of',
      'required',
      'no_markup',
      'no_markup',
      'no_markup',
      'not_valid_geometry',
    ]);
    expect(err.errors![6]!.problem).toContain('feature #4');
    expect(
      (await refusal(importBoundarySet(ctx, SYSTEM_ACTOR, 'wrong', { approximate: false, geojson: [] })))
        .field,
    ).toBe('geojson');
    expect(
      (
        await refusal(
          importBoundarySet(ctx, SYSTEM_ACTOR, 'Bad Name', { approximate: false, geojson: smallFile() }),
        )
      ).field,
    ).toBe('name');
    expect((await listBoundarySets(ctx)).map((s) => s.name)).toEqual(['almaty-test']);
  });

  it('refuses more than 10,000 features', async () => {
    const file = {
      type: 'FeatureCollection',
      features: Array.from({ length: 10_001 }, (_, i) => boundaryFeature(props(`c${i}`, 'city', `C${i}`))),
    };
    const err = await refusal(
      importBoundarySet(ctx, SYSTEM_ACTOR, 'huge', { approximate: false, geojson: file }),
    );
    expect(err).toMatchObject({ field: 'features', fault: { problem: 'max_items' } });
  });

  it('imports the demo’s approximate outlines, and removes a set with an audit entry for each step', async () => {
    const demo = await importBoundarySet(ctx, SYSTEM_ACTOR, 'demo-approximate', {
      approximate: true,
      geojson: DEMO_BOUNDARIES,
    });
    expect(demo.features).toBe(7);
    const cities = await listBoundaries(ctx, { level: 'city', q: 'city' });
    expect(cities.filter((b) => b.set === 'demo-approximate').map((b) => b.names.en)).toEqual([
      'Almaty city',
      'Astana city',
      'Karaganda city',
      'Shymkent city',
    ]);
    for (const b of await listBoundaries(ctx))
      if (b.set === 'demo-approximate') expect(b.points).toBeGreaterThanOrEqual(8);
    await removeBoundarySet(ctx, SYSTEM_ACTOR, 'almaty-test');
    expect((await listBoundarySets(ctx)).map((s) => s.name)).toEqual(['demo-approximate']);
    expect((await listBoundaries(ctx)).some((b) => b.set === 'almaty-test')).toBe(false);
    expect((await refusal(removeBoundarySet(ctx, SYSTEM_ACTOR, 'almaty-test'))).status).toBe(404);
    const actions = (
      await ctx.db.kysely.selectFrom('audit_log').select(['action', 'subject_id']).orderBy('seq').execute()
    ).filter((a) => a.action.startsWith('boundaries.') && a.subject_id !== 'at-once');
    expect(actions).toEqual([
      { action: 'boundaries.imported', subject_id: 'almaty-test' },
      { action: 'boundaries.imported', subject_id: 'almaty-test' },
      { action: 'boundaries.imported', subject_id: 'demo-approximate' },
      { action: 'boundaries.removed', subject_id: 'almaty-test' },
    ]);
  });
});
