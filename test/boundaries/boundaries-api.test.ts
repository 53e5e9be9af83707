import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/policy/policy.js';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { expectRefusedPerRole } from '../support/refusals.js';
import { XSS_VECTORS } from '../support/xss.js';
import { boundaryFeature, props, smallFile } from './fixtures.js';

/*
 * Boundary sets over HTTP, every answer checked against its schema: an administrator imports,
 * replaces and removes sets; a planner, a PIO and a player are refused `boundaries:manage`;
 * whoever reads alerts lists and reads boundaries. A wrong file is refused whole, problem+json
 * naming the feature and field, in the reader's language.
 */

const PASSWORD = 'boundaries api passphrase';

describe.each(ENGINES)('the boundary API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const call = (
    as: string | null,
    method: 'GET' | 'PUT' | 'DELETE',
    url: string,
    payload?: object | string,
    headers: Record<string, string> = {},
  ) => {
    const s = as ? sessions.get(as) : undefined;
    return app.inject({
      method,
      url,
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
      ...(payload !== undefined ? { payload } : {}),
    });
  };
  const put = (as: string, name: string, geojson: unknown, approximate = false) =>
    call(as, 'PUT', `/api/v1/boundary-sets/${name}`, { approximate, geojson });

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    const people: [string, Role][] = [
      ['admin', 'admin'],
      ['planner', 'planner'],
      ['pio', 'pio'],
      ['player', 'player'],
      ['authoriser', 'authoriser'],
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
      sessions.set(username, {
        cookie: `${c.name}=${c.value}`,
        csrf: (res.json() as { csrfToken: string }).csrfToken,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('lets an administrator import a set, and those who read alerts list and read it', async () => {
    const res = await put('admin', 'almaty-test', smallFile(), true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'almaty-test', approximate: true, features: 3, replaced: 0 });
    for (const reader of ['pio', 'authoriser', 'admin']) {
      const list = await call(reader, 'GET', '/api/v1/boundaries');
      expect(list.statusCode).toBe(200);
      expect((list.json() as { items: { code: string }[] }).items.map((b) => b.code)).toEqual([
        'almaty',
        'karaganda',
        'medeu',
      ]);
    }
    const districts = await call(
      'pio',
      'GET',
      '/api/v1/boundaries?level=district&q=%D0%BC%D0%B5%D0%B4%D0%B5%D1%83',
    );
    const [medeu] = (districts.json() as { items: { id: string; code: string; bbox: number[] }[] }).items;
    expect(medeu).toMatchObject({ code: 'medeu', approximate: true, level: 'district' });
    const one = await call('authoriser', 'GET', `/api/v1/boundaries/${medeu!.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ code: 'medeu', geometry: { type: 'Polygon' } });
    const sets = await call('pio', 'GET', '/api/v1/boundary-sets');
    expect(sets.json()).toEqual({
      items: [
        {
          name: 'almaty-test',
          approximate: true,
          features: 3,
          importedAt: expect.any(String),
          importedBy: 'admin person',
        },
      ],
    });
    expect((await call('pio', 'GET', '/api/v1/boundaries?level=province')).statusCode).toBe(400);
    expect(
      (await call('pio', 'GET', '/api/v1/boundaries/5b0c8f0e-1111-4111-8111-111111111111')).statusCode,
    ).toBe(404);
  });

  it('refuses boundaries:manage to a planner, a PIO and a player, and reading to a player', async () => {
    await expectRefusedPerRole(
      call,
      ['planner', 'pio', 'player', 'authoriser'],
      [
        ['PUT', '/api/v1/boundary-sets/theirs', { approximate: false, geojson: smallFile() }],
        ['DELETE', '/api/v1/boundary-sets/almaty-test'],
      ],
    );
    expect((await call('player', 'GET', '/api/v1/boundaries')).statusCode).toBe(403);
    expect((await call('planner', 'GET', '/api/v1/boundary-sets')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/boundaries')).statusCode).toBe(401);
  });

  it('refuses wrong input whole, naming the feature and field, and keeps the set as it was', async () => {
    const malformed = await call('admin', 'PUT', '/api/v1/boundary-sets/almaty-test', '{"approximate": tru', {
      'content-type': 'application/json',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'malformed_json' });

    const notGeoJson = await put('admin', 'almaty-test', { type: 'Topology', objects: {} });
    expect(notGeoJson.statusCode).toBe(422);
    expect(notGeoJson.json()).toMatchObject({ code: 'invalid_input', field: 'geojson' });

    const file = smallFile();
    const noRu = { ...props('x', 'city', 'X') } as Record<string, unknown>;
    delete noRu['name:ru'];
    file.features.push(boundaryFeature(noRu));
    const missing = await put('admin', 'almaty-test', file);
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({
      field: 'features[3].properties.name:ru',
      detail: 'features[3].properties.name:ru: is required',
      errors: [{ field: 'features[3].properties.name:ru', problem: 'is required' }],
    });
    const inRussian = await call(
      'admin',
      'PUT',
      '/api/v1/boundary-sets/almaty-test',
      { approximate: false, geojson: file },
      { 'accept-language': 'ru' },
    );
    expect(inRussian.json()).toMatchObject({ detail: 'features[3].properties.name:ru: обязательное поле' });

    const cases: [Record<string, unknown>, string, string][] = [
      [
        props('y', 'city', 'Y', { 'name:kk': 'Алматы <b>қаласы</b>' }),
        'features[3].properties.name:kk',
        'plain text',
      ],
      [props('y', 'city', 'Y', { region: 'KZ-ALA' }), 'features[3].properties.region', 'ISO 3166-2:KZ'],
      [props('medeu', 'city', 'Y'), 'features[3].properties.code', 'listed twice'],
      [props('y', 'county', 'Y'), 'features[3].properties.level', 'region, district, city'],
    ];
    for (const [p, field, words] of cases) {
      const f = smallFile();
      f.features.push(boundaryFeature(p));
      const res = await put('admin', 'almaty-test', f);
      expect(res.statusCode, field).toBe(422);
      expect(res.json(), field).toMatchObject({ field });
      expect((res.json() as { detail: string }).detail).toContain(words);
    }
    for (const xss of XSS_VECTORS.filter((v) => /[<>]/.test(v))) {
      const f = smallFile();
      f.features.push(boundaryFeature(props('y', 'city', xss.slice(0, 200))));
      const res = await put('admin', 'almaty-test', f);
      expect(res.statusCode, xss).toBe(422);
      const fields = (res.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(fields, xss).toContain('features[3].properties.name:en');
    }
    const list = await call('pio', 'GET', '/api/v1/boundaries');
    expect((list.json() as { items: unknown[] }).items).toHaveLength(3);
    expect((await call('pio', 'GET', '/api/v1/boundary-sets')).json()).toMatchObject({
      items: [{ name: 'almaty-test', features: 3, approximate: true }],
    });
    expect((await put('admin', 'Not_A_Name', smallFile())).statusCode).toBe(400);
  });

  it('refuses a body over its limit with 413, and more than 10,000 features with 422', async () => {
    const big = JSON.stringify({
      approximate: false,
      geojson: { type: 'FeatureCollection', features: [] },
      pad: 'x'.repeat(51 * 1024 * 1024),
    });
    const res = await call('admin', 'PUT', '/api/v1/boundary-sets/big', big, {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'body_too_large' });
    const many = {
      type: 'FeatureCollection',
      features: Array.from({ length: 10_001 }, (_, i) => boundaryFeature(props(`c${i}`, 'city', `C${i}`))),
    };
    const tooMany = await put('admin', 'many', many);
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json()).toMatchObject({ field: 'features' });
  });

  it('replaces and removes a set', async () => {
    const next = smallFile();
    next.features.pop();
    const res = await put('admin', 'almaty-test', next);
    expect(res.json()).toEqual({ name: 'almaty-test', approximate: false, features: 2, replaced: 3 });
    expect((await call('admin', 'DELETE', '/api/v1/boundary-sets/almaty-test')).statusCode).toBe(204);
    expect((await call('admin', 'DELETE', '/api/v1/boundary-sets/almaty-test')).statusCode).toBe(404);
    expect((await call('pio', 'GET', '/api/v1/boundaries')).json()).toEqual({ items: [] });
  });
});
