import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/policy/policy.js';
import { PolygonRegion } from '../../src/core/area/polygon.region.js';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { boundaryFeature, props, square } from './fixtures.js';

/*
 * GET /api/v1/boundaries/{id} serves, beside the outline, the ring an alert can carry: a detailed
 * outline comes back covered by at most 100 positions that still hold every position of it; a small
 * one comes back as it is; a boundary of several parts has none.
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

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
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
});
