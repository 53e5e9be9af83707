import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { expectRefusedPerRole } from '../support/refusals.js';
import { buildEvaluationExercise, type EvaluationFixture } from './fixture.js';

const PASSWORD = 'evaluation passphrase';

describe.each(ENGINES)('evaluation guides and ratings over the API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let fx: EvaluationFixture;
  let other: EvaluationFixture;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const ids = new Map<string, string>();

  const call = (
    as: string,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: unknown,
    exerciseId = fx.exerciseId,
  ): Promise<LightMyRequestResponse> => {
    const s = sessions.get(as)!;
    return app.inject({
      method,
      url: `/api/v1/exercises/${exerciseId}${url}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  const rating = (extra: Record<string, unknown> = {}) => ({
    subjectKind: 'capability_target',
    subjectId: fx.targets.cordon,
    rating: 'S',
    reasoning: 'Road closed 12 minutes after the inject; the target was 10.',
    evidence: [{ kind: 'observation', id: fx.observations.cordon }],
    version: 0,
    ...extra,
  });

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    fx = await buildEvaluationExercise(rt.ctx);
    other = await buildEvaluationExercise(rt.ctx, 'Temirtau tabletop');
    const police = await createOrganisation(rt.ctx, SYSTEM_ACTOR, { name: 'Police', kind: 'police' });
    const users: [string, { role: string; organisationId?: string; exerciseId?: string }][] = [
      ['director', { role: 'director' }],
      ['planner', { role: 'planner' }],
      ['controller', { role: 'controller' }],
      ['player', { role: 'player' }],
      ['observer', { role: 'observer' }],
      ['admin', { role: 'admin' }],
      ['evaluator', { role: 'evaluator', exerciseId: fx.exerciseId }],
      ['evaluator-elsewhere', { role: 'evaluator', exerciseId: other.exerciseId }],
      ['evaluator-police', { role: 'evaluator', organisationId: police.id }],
      ['director-police', { role: 'director', organisationId: police.id }],
    ];
    for (const [username, grant] of users) {
      const u = await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: `${username} one`,
        password: PASSWORD,
        grants: [grant],
      });
      ids.set(username, u.id);
    }
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
    // Ten users' password hashes and sign-ins on a shared, loaded machine.
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('lets evaluators and admins rate, and evaluators, directors and admins read', async () => {
    const first = await call('evaluator', 'POST', '/ratings', rating());
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ rating: 'S', version: 1, rater: { name: 'evaluator' } });
    const second = await call('admin', 'POST', '/ratings', rating({ rating: 'P', version: 1 }));
    expect(second.statusCode, second.body).toBe(200);
    for (const reader of ['evaluator', 'director', 'admin']) {
      const guide = await call(reader, 'GET', '/evaluation');
      expect(guide.statusCode, `${reader}: ${guide.body}`).toBe(200);
      expect(guide.json()).toMatchObject({ ratings: [{ rating: 'P', version: 2 }] });
    }
  });

  it('rates a core capability of the shipped catalogue by its key', async () => {
    const res = await call('evaluator', 'POST', '/ratings', {
      ...rating({ version: 0 }),
      subjectKind: 'core_capability',
      subjectId: fx.capability,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      subjectKind: 'core_capability',
      subjectId: fx.capability,
      version: 1,
    });
    const unknown = await call('evaluator', 'POST', '/ratings', {
      ...rating({ version: 0 }),
      subjectKind: 'core_capability',
      subjectId: 'mass-care-services',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ field: 'subjectId' });
  });

  it('refuses players, observers, controllers and planners the ratings, and directors the rating', async () => {
    await expectRefusedPerRole(
      call,
      ['player', 'observer', 'controller', 'planner'],
      [
        ['GET', '/evaluation'],
        ['GET', '/evaluation/print'],
        ['POST', '/ratings', rating({ version: 2 })],
      ],
    );
    expect((await call('director', 'POST', '/ratings', rating({ version: 2 }))).statusCode).toBe(403);
  });

  it('keeps to the organisation and exercise scope', async () => {
    // An evaluator of another exercise, or of an organisation this exercise does not involve: not found.
    for (const who of ['evaluator-elsewhere', 'evaluator-police', 'director-police'])
      expect((await call(who, 'GET', '/evaluation')).statusCode, who).toBe(404);
    expect((await call('evaluator-elsewhere', 'POST', '/ratings', rating({ version: 2 }))).statusCode).toBe(
      404,
    );
    // Evidence of the other exercise is not evidence here.
    const res = await call(
      'evaluator',
      'POST',
      '/ratings',
      rating({ version: 2, evidence: [{ kind: 'observation', id: other.observations.cordon }] }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ field: 'evidence/0/id' });
  });

  it('names the field of bad input and refuses a stale version with 409', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ rating: 'X', version: 2 }, 422, 'rating'],
      [{ reasoning: '', version: 2 }, 422, 'reasoning'],
      [{ version: -1 }, 400, 'version'],
      [{ subjectKind: 'objective', version: 2 }, 400, 'subjectKind'],
      [{ evidence: [{ kind: 'photo', id: fx.observations.cordon }], version: 2 }, 400, 'evidence'],
      [{ version: 1 }, 409, 'version'],
    ];
    for (const [body, status, field] of cases) {
      const res = await call('evaluator', 'POST', '/ratings', rating(body));
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(status);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    const stale = await call('evaluator', 'POST', '/ratings', rating({ version: 1 }));
    expect(stale.json()).toMatchObject({ code: 'rating_stale' });
  });

  it('lets a director assign evaluators by team, an evaluator’s section then first; others may not', async () => {
    const candidates = await call('director', 'GET', '/evaluators');
    expect(candidates.statusCode, candidates.body).toBe(200);
    const names = (candidates.json() as { items: { name: string }[] }).items.map((c) => c.name);
    expect(names).toContain('evaluator one');
    expect(names).not.toContain('evaluator-elsewhere one');
    const assigned = await call('director', 'POST', '/evaluator-assignments', {
      userId: ids.get('evaluator'),
      teamId: fx.teams.medics,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const guide = (await call('evaluator', 'GET', '/evaluation')).json() as {
      sections: { target: { text: string }; assigned: boolean }[];
    };
    expect(guide.sections[0]).toMatchObject({ target: { text: 'Casualties triaged' }, assigned: true });
    expect(
      (
        await call('director', 'POST', '/evaluator-assignments', { userId: ids.get('evaluator-elsewhere') })
      ).json(),
    ).toMatchObject({ field: 'userId' });
    expect(
      (
        await call('director', 'POST', '/evaluator-assignments', {
          userId: ids.get('evaluator'),
          teamId: other.teams.patrol,
        })
      ).json(),
    ).toMatchObject({ field: 'teamId' });
    for (const who of ['evaluator', 'player', 'controller'])
      expect(
        (await call(who, 'POST', '/evaluator-assignments', { userId: ids.get('evaluator') })).statusCode,
        who,
      ).toBe(403);
    const id = (assigned.json() as { id: string }).id;
    expect((await call('director', 'DELETE', `/evaluator-assignments/${id}`)).statusCode).toBe(204);
  });

  it('prints the guide for paper in the language asked, every value escaped', async () => {
    for (const [lang, word, capability] of [
      ['kk', 'Шешуші міндеттер', 'Оқиға орнындағы қауіпсіздік, қорғау және құқық тәртібі'],
      ['ru', 'Критические задачи', 'Безопасность, защита и правопорядок на месте происшествия'],
      ['en', 'Critical tasks', 'On-scene Security, Protection, and Law Enforcement'],
    ] as const) {
      const res = await call('evaluator', 'GET', `/evaluation/print?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain(word);
      expect(res.body).toContain(capability);
      expect(res.body).toContain('Outer cordon set');
      expect(res.body).toContain('Close the road');
      expect(res.body).toContain('class="sq"');
    }
    expect((await call('evaluator', 'GET', '/evaluation/print?lang=de')).statusCode).toBe(400);
  });
});
