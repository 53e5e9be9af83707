import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { buildLessons, type LessonsFixture } from './fixture.js';

const PASSWORD = 'lessons passphrase';

describe.each(ENGINES)('findings and lessons over the API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let fx: LessonsFixture;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  const call = (as: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const s = sessions.get(as)!;
    return app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  const lessons = (as: string, query: string) => call(as, 'GET', `/lessons?${query}`);
  const body = <T>(res: LightMyRequestResponse) => res.json() as T;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    fx = await buildLessons(rt.ctx);
    const users: [string, { role: string; organisationId?: string; exerciseId?: string }][] = [
      ['admin', { role: 'admin' }],
      ['evaluator-a', { role: 'evaluator', organisationId: fx.orgA }],
      ['director-b', { role: 'director', organisationId: fx.orgB }],
      ['controller', { role: 'controller' }],
      ['player', { role: 'player' }],
      ['planner', { role: 'planner' }],
    ];
    for (const [username, grant] of users)
      await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: `${username} one`,
        password: PASSWORD,
        grants: [grant],
      });
    ({ app } = await buildApp(rt.ctx, { logger: false }));
    for (const [username] of users) {
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

  it('finds lessons with snippets, and only in the reader’s organisation', async () => {
    const all = await lessons('admin', `q=${encodeURIComponent('cordon')}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(body<{ items: { exercise: { city: string } }[] }>(all).items.length).toBe(2);
    const a = body<{ items: { exercise: { id: string } }[] }>(await lessons('evaluator-a', 'q=cordon'));
    expect(a.items.map((i) => i.exercise.id)).toEqual([fx.karaganda.exerciseId]);
    const b = body<{ items: { exercise: { id: string } }[] }>(await lessons('director-b', 'q=cordon'));
    expect(b.items.map((i) => i.exercise.id)).toEqual([fx.pavlodar.exerciseId]);
    const kk = await lessons('admin', `q=${encodeURIComponent('ҚОРШАУДЫ')}`);
    expect(
      body<{ items: { snippet: { text: string; match: boolean }[] }[] }>(kk).items[0]!.snippet,
    ).toContainEqual({
      text: 'қоршауды',
      match: true,
    });
  });

  it('keeps lessons from those who may not read evaluations', async () => {
    for (const who of ['controller', 'player', 'planner'])
      expect((await lessons(who, 'q=cordon')).statusCode, who).toBe(403);
  });

  it('refuses bad search input naming the field', async () => {
    const cases: [string, string][] = [
      ['q=cordon&hazard=volcano', 'hazard'],
      ['q=cordon&kind=rumour', 'kind'],
      ['q=cordon&capabilityId=nope', 'capabilityId'],
      ['q=cordon&capabilityId=Not%20an%20id!', 'capabilityId'],
      ['q=cordon&limit=0', 'limit'],
      ['q=cordon&limit=500', 'limit'],
      ['q=', 'q'],
      [`q=${'a'.repeat(301)}`, 'q'],
      [`q=${encodeURIComponent('" ( ) * : &')}`, 'q'],
      ['hazard=fire', 'q'],
    ];
    for (const [query, field] of cases) {
      const res = await lessons('admin', query);
      expect([400, 422], `${query} → ${res.body}`).toContain(res.statusCode);
      expect(res.json().field ?? res.json().errors?.[0]?.field, query).toMatch(new RegExp(field));
    }
    for (const q of [
      `"unclosed`,
      `a OR NOT b`,
      `NEAR(x y)`,
      `x' & | ! :* <-> \\`,
      `'; drop table findings; --`,
    ])
      expect((await lessons('admin', `q=${encodeURIComponent(q)}`)).statusCode, q).toBe(200);
  });

  it('lets evaluators and directors write findings, numbered per capability', async () => {
    const url = `/exercises/${fx.karaganda.exerciseId}/findings`;
    const res = await call('evaluator-a', 'POST', url, {
      capabilityId: fx.karaganda.capability,
      kind: 'strength',
      text: 'Кордон қойылды',
      analysis: 'Жаттығу алдында маршруттар белгілі болды',
      observationIds: [fx.karaganda.observations[1]],
    });
    expect(res.statusCode, res.body).toBe(201);
    const items = body<{ items: { strengths: { reference: string; text: string }[] }[] }>(res).items;
    expect(items[0]!.strengths.map((s) => s.reference)).toEqual(['1.1', '1.2']);
    // Found by the search at once.
    expect(body<{ items: unknown[] }>(await lessons('evaluator-a', 'q=кордон')).items).toHaveLength(1);

    const bUrl = `/exercises/${fx.pavlodar.exerciseId}/findings`;
    const byDirector = await call('director-b', 'POST', bUrl, {
      capabilityId: fx.pavlodar.capability,
      kind: 'improvement',
      text: 'Hydrant map out of date',
    });
    expect(byDirector.statusCode, byDirector.body).toBe(201);
    // Another organisation's exercise is not even there for them.
    expect((await call('evaluator-a', 'GET', bUrl)).statusCode).toBe(404);
    expect(
      (
        await call('evaluator-a', 'POST', bUrl, {
          capabilityId: fx.pavlodar.capability,
          kind: 'strength',
          text: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect((await call('controller', 'GET', url)).statusCode).toBe(403);
    expect(
      (
        await call('controller', 'POST', url, {
          capabilityId: fx.karaganda.capability,
          kind: 'strength',
          text: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses bad findings naming the field', async () => {
    const url = `/exercises/${fx.karaganda.exerciseId}/findings`;
    const ok = { capabilityId: fx.karaganda.capability, kind: 'improvement', text: 'Radio failed' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ capabilityId: fx.pavlodar.capability }, 422, 'capabilityId'],
      [{ capabilityId: randomUUID() }, 422, 'capabilityId'],
      [{ text: '   ' }, 422, 'text'],
      [{ text: 'a\u0007b' }, 422, 'text'],
      [{ analysis: 'x'.repeat(9000) }, 400, 'analysis'],
      [{ observationIds: [fx.pavlodar.observations[0]] }, 422, 'observationIds/0'],
      [
        { observationIds: [fx.karaganda.observations[0], fx.karaganda.observations[0]] },
        422,
        'observationIds',
      ],
      [{ kind: 'weakness' }, 400, 'kind'],
      [{ colour: 'red' }, 400, ''],
    ];
    for (const [extra, status, field] of cases) {
      const res = await call('admin', 'POST', url, { ...ok, ...extra });
      expect(res.statusCode, `${JSON.stringify(extra).slice(0, 60)} → ${res.body}`).toBe(status);
      if (field) expect(res.json().field ?? res.json().errors?.[0]?.field).toMatch(new RegExp(field));
    }
    const list = body<{ items: { improvements: { id: string; version: number }[] }[] }>(
      await call('admin', 'GET', url),
    );
    const afi = list.items[0]!.improvements[0]!;
    const stale = await call('admin', 'PATCH', `${url}/${afi.id}`, {
      version: afi.version + 5,
      text: 'Changed',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ field: 'version' });
    const changed = await call('admin', 'PATCH', `${url}/${afi.id}`, {
      version: afi.version,
      text: 'Changed',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await call('admin', 'DELETE', `${url}/${randomUUID()}`)).statusCode).toBe(404);
  });
});
