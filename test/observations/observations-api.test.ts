import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createUser } from '../../src/services/users.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { XSS_VECTORS } from '../support/xss.js';

const PASSWORD = 'observation passphrase';
/** A 1×1 PNG. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

describe.each(ENGINES)('evaluators’ observations over the API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  let other: ConductFixture;
  const plan = { venue: randomUUID(), objective: randomUUID(), target: randomUUID(), task: randomUUID() };
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  const call = (
    as: string,
    method: 'GET' | 'PUT' | 'POST',
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
  const observation = (extra: Record<string, unknown> = {}) => ({
    observedAt: new Date().toISOString(),
    text: 'Patrol 7 set the outer cordon within 6 minutes',
    ...extra,
  });
  const record = (as: string, id: string, body: unknown, exerciseId?: string) =>
    call(as, 'PUT', `/observations/${id}`, body, exerciseId);

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    fx = await buildConductExercise(rt.ctx);
    other = await buildConductExercise(rt.ctx, 'Temirtau tabletop');
    const police = await createOrganisation(rt.ctx, SYSTEM_ACTOR, { name: 'Police', kind: 'police' });
    const users: [string, { role: string; organisationId?: string; exerciseId?: string }][] = [
      ['director', { role: 'director' }],
      ['controller', { role: 'controller' }],
      ['planner', { role: 'planner' }],
      ['player', { role: 'player' }],
      ['observer', { role: 'observer' }],
      ['evaluator', { role: 'evaluator', exerciseId: fx.exerciseId }],
      // An evaluator of another exercise, and one of an organisation this exercise does not involve.
      ['evaluator-elsewhere', { role: 'evaluator', exerciseId: other.exerciseId }],
      ['evaluator-police', { role: 'evaluator', organisationId: police.id }],
      ['director-police', { role: 'director', organisationId: police.id }],
    ];
    for (const [username, grant] of users)
      await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: `${username} one`,
        password: PASSWORD,
        grants: [grant],
      });
    const db = rt.ctx.db.kysely;
    const capability = { id: randomUUID() };
    await db
      .insertInto('core_capabilities')
      .values({
        id: capability.id,
        name: 'On-scene security',
        mission_area: 'response',
        description: '',
        builtin: 0,
      })
      .execute();
    await db
      .insertInto('venues')
      .values({
        id: plan.venue,
        exercise_id: fx.exerciseId,
        name: 'School No. 12',
        kind: 'school',
        address: null,
        lon: 73.1,
        lat: 49.8,
        footprint: null,
      })
      .execute();
    await db
      .insertInto('objectives')
      .values({ id: plan.objective, exercise_id: fx.exerciseId, position: 0, text: 'Cordon in 10 minutes' })
      .execute();
    await db
      .insertInto('capability_targets')
      .values({
        id: plan.target,
        objective_id: plan.objective,
        core_capability_id: capability.id,
        position: 0,
        text: 'Outer cordon set',
      })
      .execute();
    await db
      .insertInto('critical_tasks')
      .values({ id: plan.task, capability_target_id: plan.target, position: 0, text: 'Close the road' })
      .execute();
    const evaluatorId = (
      await db.selectFrom('users').select('id').where('username', '=', 'evaluator').executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('exercise_people')
      .values({
        id: randomUUID(),
        exercise_id: fx.exerciseId,
        user_id: evaluatorId,
        name: 'Evaluator one',
        role: 'evaluator',
        team_id: fx.teams.patrol,
        organisation_id: null,
        contact: null,
        venue_id: plan.venue,
      })
      .execute();
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

  it('refuses observations before STARTEX, naming why', async () => {
    const res = await record('evaluator', randomUUID(), observation());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'observation_not_started', field: 'observedAt' });
  });

  it('stamps an observation in the three clocks, with its place, photo and links', async () => {
    const started = await call('director', 'POST', '/clock/commands', {
      command: 'startex',
      confirmName: 'Karaganda full-scale',
      plannedStart: PLANNED_START,
      reason: 'replayed for training',
    });
    expect(started.statusCode, started.body).toBe(200);
    const id = randomUUID();
    const res = await record(
      'evaluator',
      id,
      observation({
        venueId: plan.venue,
        teamId: fx.teams.patrol,
        objectiveIds: [plan.objective],
        criticalTaskIds: [plan.task],
        place: { lon: 73.1, lat: 49.8 },
        photo: { type: 'image/png', data: PNG },
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      author: 'evaluator',
      exerciseTime: expect.stringMatching(/^H\+00:00:\d\d$/),
      scenarioTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      venueId: plan.venue,
      teamId: fx.teams.patrol,
      objectiveIds: [plan.objective],
      criticalTaskIds: [plan.task],
      place: { lon: 73.1, lat: 49.8 },
      photo: true,
    });
    const photo = await call('director', 'GET', `/observations/${id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(Buffer.from(PNG, 'base64'))).toBe(true);
  });

  it('stores a replayed observation once and answers the same; another body under its id is a conflict', async () => {
    const id = randomUUID();
    const body = observation({ text: 'Medics arrived', teamId: fx.teams.medics });
    const first = await record('evaluator', id, body);
    expect(first.statusCode, first.body).toBe(200);
    const [again, atOnce] = await Promise.all([record('evaluator', id, body), record('evaluator', id, body)]);
    expect(again.json()).toEqual(first.json());
    expect(atOnce.json()).toEqual(first.json());
    const list = (await call('evaluator', 'GET', '/observations')).json() as { items: { id: string }[] };
    expect(list.items.filter((o) => o.id === id)).toHaveLength(1);
    // The same links in another order are the same observation.
    const changed = await record('evaluator', id, { ...body, text: 'Medics arrived late' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'observation_conflict', field: 'id' });
  });

  it('reads the clocks at the instant observed, not when the phone found a network', async () => {
    const clock = (await call('director', 'GET', '/clock')).json() as { history: { at: string }[] };
    // Observed at the very instant of STARTEX, sent later: exercise time is read at that instant.
    const observedAt = new Date(Date.parse(clock.history[0]!.at)).toISOString();
    const before = await record(
      'evaluator',
      randomUUID(),
      observation({ observedAt: '2020-01-01T00:00:00Z' }),
    );
    expect(before.json()).toMatchObject({ code: 'observation_time', field: 'observedAt' });
    const future = await record(
      'evaluator',
      randomUUID(),
      observation({ observedAt: new Date(Date.now() + 3_600_000).toISOString() }),
    );
    expect(future.json()).toMatchObject({ code: 'observation_time', field: 'observedAt' });
    const ok = await record('evaluator', randomUUID(), observation({ observedAt }));
    expect(ok.json()).toMatchObject({ observedAt, exerciseTime: 'H+00:00:00', exerciseSeconds: 0 });
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ text: '   ' }, 422, 'text'],
      [{ text: 'a\u0000b' }, 422, 'text'],
      [{ venueId: randomUUID() }, 422, 'venueId'],
      [{ teamId: other.teams.patrol }, 422, 'teamId'],
      [{ objectiveIds: [randomUUID()] }, 422, 'objectiveIds/0'],
      [{ criticalTaskIds: [plan.task, plan.task] }, 422, 'criticalTaskIds'],
      [{ observedAt: 'yesterday' }, 422, 'observedAt'],
      [{ photo: { type: 'image/png', data: 'not base64!' } }, 422, 'photo.data'],
      [{ photo: { type: 'image/jpeg', data: PNG } }, 422, 'photo.type'],
      [
        { photo: { type: 'image/png', data: Buffer.from('<svg onload=alert(1)>').toString('base64') } },
        415,
        'photo.data',
      ],
      [
        { photo: { type: 'image/png', data: Buffer.alloc(4 * 1024 * 1024 + 3).toString('base64') } },
        413,
        'photo.data',
      ],
    ];
    const count = async () =>
      ((await call('director', 'GET', '/observations')).json() as { items: unknown[] }).items.length;
    const before = await count();
    for (const [extra, status, field] of cases) {
      const res = await record('evaluator', randomUUID(), observation(extra));
      expect(res.statusCode, JSON.stringify(extra).slice(0, 80)).toBe(status);
      expect(res.json()).toMatchObject({ field });
    }
    expect((await record('evaluator', randomUUID(), { ...observation(), colour: 'red' })).statusCode).toBe(
      400,
    );
    expect((await record('evaluator', 'not-an-id', observation())).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('keeps markup as typed text', async () => {
    for (const text of XSS_VECTORS.slice(0, 5)) {
      const res = await record('evaluator', randomUUID(), observation({ text }));
      expect(res.statusCode).toBe(200);
      expect(res.json().text).toBe(text);
    }
  });

  it('lets only the exercise’s evaluators record, and its evaluators and directors read', async () => {
    const body = observation();
    for (const who of ['director', 'controller', 'planner', 'player', 'observer'])
      expect((await record(who, randomUUID(), body)).statusCode, who).toBe(403);
    for (const who of ['evaluator-elsewhere', 'evaluator-police'])
      expect((await record(who, randomUUID(), body)).statusCode, who).toBe(404);
    for (const who of ['controller', 'planner', 'player', 'observer'])
      expect((await call(who, 'GET', '/observations')).statusCode, who).toBe(403);
    for (const who of ['evaluator-elsewhere', 'evaluator-police', 'director-police'])
      expect((await call(who, 'GET', '/observations')).statusCode, who).toBe(404);
    for (const who of ['director', 'evaluator'])
      expect((await call(who, 'GET', '/observations')).statusCode, who).toBe(200);
    const one = (await call('director', 'GET', '/observations')).json().items[0].id as string;
    expect((await call('player', 'GET', `/observations/${one}/photo`)).statusCode).toBe(403);
    // An observation id asked under another exercise is not found there.
    expect(
      (await call('evaluator-elsewhere', 'GET', `/observations/${one}/photo`, undefined, other.exerciseId))
        .statusCode,
    ).toBe(404);
  });

  it('offers the evaluator their assigned team and venue, the venues and the critical tasks', async () => {
    const form = await call('evaluator', 'GET', '/observations/form');
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({
      assigned: { teamIds: [fx.teams.patrol], venueIds: [plan.venue] },
      venues: [{ id: plan.venue, name: 'School No. 12' }],
      objectives: [
        {
          id: plan.objective,
          criticalTasks: [{ id: plan.task, text: 'Close the road', capabilityTarget: 'Outer cordon set' }],
        },
      ],
    });
    expect((await call('director', 'GET', '/observations/form')).statusCode).toBe(403);
  });

  it('takes observations shortly after ENDEX, with the clocks stopped at ENDEX', async () => {
    const ended = await call('director', 'POST', '/clock/commands', { command: 'endex', reason: 'done' });
    expect(ended.statusCode, ended.body).toBe(200);
    const res = await record(
      'evaluator',
      randomUUID(),
      observation({ text: 'Hot wash: radio traffic too long' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().exerciseTime).toBe(ended.json().reading.exercise);
  });
});
