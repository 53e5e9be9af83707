import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/policy/policy.js';
import type { Db } from '../../src/store/db.js';
import { boundaryRepository } from '../../src/store/boundary.repository.js';
import { PolygonRegion } from '../../src/core/area/polygon.region.js';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { boundaryFeature, props, square } from './fixtures.js';

/*
 * GET /api/v1/boundaries/{id} serves, beside the outline, the ring an alert can carry: a detailed
 * outline comes back covered by at most 100 positions that still hold every position of it; a small
 * one comes back as it is; a boundary of several parts has none. The import computes the ring and
 * stores it with the outline (the JSON text `null` for several parts), a read serves what is stored,
 * and a row stored without one (SQL NULL, from before rings were stored) gets it on its first read.
 */

const PASSWORD = 'alert ring passphrase';

type Ring = [number, number][];

/** A district-like outline of `n` positions around Astana: wobbly, concave, 7 decimals. */
function detailedOutline(n: number): Ring {
  let seed = 3;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const k = Math.cos((51.17 * Math.PI) / 180);
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.3 * (1 + 0.2 * Math.sin(3 * a) + 0.08 * Math.sin(11 * a + 1) + 0.01 * (rnd() - 0.5));
    ring.push([
      Number((71.45 + (r * Math.cos(a)) / k).toFixed(7)),
      Number((51.17 + r * Math.sin(a)).toFixed(7)),
    ]);
  }
  ring.push([...ring[0]!]);
  return ring;
}

interface AlertRing {
  ring: Ring;
  points: number;
  from: number;
  simplified: boolean;
}

describe.each(ENGINES)('the alert ring of a boundary on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let db: Db;
  const cookies = new Map<string, { cookie: string; csrf: string }>();
  const call = (as: string, method: 'GET' | 'PUT', url: string, payload?: object) => {
    const s = cookies.get(as)!;
    return app.inject({
      method,
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      ...(payload !== undefined ? { payload } : {}),
    });
  };
  const outline = detailedOutline(4000);
  const ids = new Map<string, string>();
  /** The `alert_ring` column of a boundary, as stored. */
  const storedRing = async (code: string) =>
    (
      await db.kysely
        .selectFrom('boundaries')
        .select('alert_ring')
        .where('id', '=', ids.get(code)!)
        .executeTakeFirstOrThrow()
    ).alert_ring;
  const setStoredRing = (code: string, text: string | null) =>
    db.kysely.updateTable('boundaries').set({ alert_ring: text }).where('id', '=', ids.get(code)!).execute();
  const served = async (code: string) => {
    const res = await call('pio', 'GET', `/api/v1/boundaries/${ids.get(code)}`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { alertRing: AlertRing | null }).alertRing;
  };

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    db = rt.ctx.db;
    const people: [string, Role][] = [
      ['admin', 'admin'],
      ['pio', 'pio'],
    ];
    for (const [username, role] of people)
      await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: `${username} person`,
        password: PASSWORD,
        grants: [{ role, organisationId: null }],
      });
    ({ app } = await buildApp(rt.ctx, { logger: false }));
    for (const [username] of people) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: PASSWORD },
      });
      const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
      cookies.set(username, {
        cookie: `${c.name}=${c.value}`,
        csrf: (res.json() as { csrfToken: string }).csrfToken,
      });
    }
    const geojson = {
      type: 'FeatureCollection',
      features: [
        boundaryFeature(
          props('astana-detailed', 'district', 'Detailed district', { region: 'KZ-71' }),
          outline,
        ),
        boundaryFeature(props('medeu', 'district', 'Medeu district')),
        {
          type: 'Feature',
          properties: props('islands', 'district', 'Two islands'),
          geometry: { type: 'MultiPolygon', coordinates: [[square(76.9, 43.2)], [square(77.0, 43.2)]] },
        },
      ],
    };
    const imported = await call('admin', 'PUT', '/api/v1/boundary-sets/alert-ring-test', {
      approximate: false,
      geojson,
    });
    expect(imported.statusCode).toBe(200);
    const list = await call('pio', 'GET', '/api/v1/boundaries');
    for (const b of (list.json() as { items: { id: string; code: string }[] }).items) ids.set(b.code, b.id);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('covers a 4,000-point outline with at most 100 positions that contain every position of it', async () => {
    const res = await call('pio', 'GET', `/api/v1/boundaries/${ids.get('astana-detailed')}`);
    expect(res.statusCode).toBe(200);
    const { alertRing, geometry } = res.json() as { alertRing: AlertRing; geometry: { coordinates: Ring[] } };
    expect(geometry.coordinates[0]).toHaveLength(4001);
    expect(alertRing).toMatchObject({ simplified: true, from: 4000, points: alertRing.ring.length });
    expect(alertRing.points).toBeLessThanOrEqual(100);
    expect(alertRing.ring[0]).toEqual(alertRing.ring[alertRing.ring.length - 1]);
    for (const [lon, lat] of alertRing.ring) {
      expect(Number(lon.toFixed(5))).toBe(lon);
      expect(Number(lat.toFixed(5))).toBe(lat);
    }
    const cover = new PolygonRegion([{ kind: 'polygon', rings: [Float64Array.from(alertRing.ring.flat())] }]);
    expect(outline.filter(([lon, lat]) => !cover.contains(lon, lat))).toEqual([]);
  });

  it('serves a small outline as it is, and no ring for a boundary of two parts', async () => {
    const small = await call('pio', 'GET', `/api/v1/boundaries/${ids.get('medeu')}`);
    expect((small.json() as { alertRing: AlertRing }).alertRing).toEqual({
      ring: square(76.9, 43.2),
      points: 5,
      from: 4,
      simplified: false,
    });
    const islands = await call('pio', 'GET', `/api/v1/boundaries/${ids.get('islands')}`);
    expect(islands.statusCode).toBe(200);
    expect((islands.json() as { alertRing: AlertRing | null }).alertRing).toBeNull();
  });

  it('stores the ring at import, and the JSON null, not SQL NULL, for a boundary of two parts', async () => {
    const detailed = JSON.parse((await storedRing('astana-detailed'))!) as AlertRing;
    expect(detailed).toMatchObject({ simplified: true, from: 4000, points: detailed.ring.length });
    expect(await served('astana-detailed')).toEqual(detailed);
    expect(JSON.parse((await storedRing('medeu'))!)).toEqual({
      ring: square(76.9, 43.2),
      points: 5,
      from: 4,
      simplified: false,
    });
    expect(await storedRing('islands')).toBe('null');
  });

  it('serves the stored ring without computing it again', async () => {
    const before = await storedRing('medeu');
    const planted: AlertRing = {
      ring: [
        [76, 43],
        [78, 43],
        [77, 44],
        [76, 43],
      ],
      points: 4,
      from: 3,
      simplified: true,
    };
    await setStoredRing('medeu', JSON.stringify(planted));
    try {
      expect(await served('medeu')).toEqual(planted);
    } finally {
      await setStoredRing('medeu', before);
    }
  });

  it('computes, stores and serves the ring of a row stored without one, on its first read', async () => {
    const detailed = await storedRing('astana-detailed');
    await setStoredRing('astana-detailed', null);
    await setStoredRing('islands', null);
    expect(await served('astana-detailed')).toEqual(JSON.parse(detailed!));
    expect(await storedRing('astana-detailed')).toBe(detailed);
    expect(await served('islands')).toBeNull();
    expect(await storedRing('islands')).toBe('null');
  });

  it('does not store a ring over an outline that changed since it was read', async () => {
    await setStoredRing('medeu', null);
    const other = JSON.stringify({ type: 'Polygon', coordinates: [square(70, 40)] });
    await boundaryRepository.fillAlertRing(db.kysely, ids.get('medeu')!, other, '"stale"');
    expect(await storedRing('medeu')).toBeNull();
    await served('medeu');
    expect(JSON.parse((await storedRing('medeu'))!)).toMatchObject({ ring: square(76.9, 43.2) });
  });

  it('computes the ring again when an import replaces the outline, under the same id', async () => {
    const id = ids.get('medeu');
    const res = await call('admin', 'PUT', '/api/v1/boundary-sets/alert-ring-test', {
      approximate: false,
      geojson: {
        type: 'FeatureCollection',
        features: [boundaryFeature(props('medeu', 'district', 'Medeu district'), square(77.1, 43.3, 0.05))],
      },
    });
    expect(res.statusCode).toBe(200);
    const list = await call('pio', 'GET', '/api/v1/boundaries');
    const items = (list.json() as { items: { id: string; code: string }[] }).items;
    expect(items.find((b) => b.code === 'medeu')?.id).toBe(id);
    const expected = { ring: square(77.1, 43.3, 0.05), points: 5, from: 4, simplified: false };
    expect(JSON.parse((await storedRing('medeu'))!)).toEqual(expected);
    expect(await served('medeu')).toEqual(expected);
  });
});
