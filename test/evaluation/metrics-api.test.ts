/**
 * The metrics over the API, on SQLite and PostgreSQL: a planner's criterion on a critical task is
 * checked naming the field, kept when the task is edited without it, and judged in the exercise's
 * metrics; the metrics are the evaluators' and directors' of the exercise, in scope, and nobody else's.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createUser } from '../../src/services/users.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const PASSWORD = 'metrics passphrase';

describe.each(ENGINES)('exercise metrics over the API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  let other: ConductFixture;
  const plan = {
    objective: randomUUID(),
    target: randomUUID(),
    task: randomUUID(),
    capability: randomUUID(),
  };
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  const call = (
    as: string,
    method: 'GET' | 'PATCH' | 'POST',
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
  const withTask = (task: Record<string, unknown>) => ({
    capabilityTargets: [
      {
        id: plan.target,
        coreCapabilityId: plan.capability,
        text: 'Outer cordon set',
        criticalTasks: [{ id: plan.task, text: 'Patrol acknowledges inject 3', ...task }],
      },
    ],
  });
  const setTask = (task: Record<string, unknown>) =>
    call('director', 'PATCH', `/objectives/${plan.objective}`, withTask(task));

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
    await db
      .insertInto('core_capabilities')
      .values({
        id: plan.capability,
        name: 'On-scene security',
        mission_area: 'response',
        description: '',
        builtin: 0,
      })
      .execute();
    await db
      .insertInto('objectives')
      .values({ id: plan.objective, exercise_id: fx.exerciseId, position: 1, text: 'Cordon in 10 minutes' })
      .execute();
    await db
      .insertInto('capability_targets')
      .values({
        id: plan.target,
        objective_id: plan.objective,
        core_capability_id: plan.capability,
        position: 1,
        text: 'Outer cordon set',
      })
      .execute();
    await db
      .insertInto('critical_tasks')
      .values({ id: plan.task, capability_target_id: plan.target, position: 1, text: 'Close the road' })
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

  it('refuses a criterion that cannot be measured, naming the field, and changes nothing', async () => {
    const field = 'capabilityTargets[0].criticalTasks[0].criterion';
    const noInject = await setTask({
      criterion: { kind: 'inject_step', injectNumber: '99', step: 'acknowledged' },
    });
    expect(noInject.statusCode, noInject.body).toBe(422);
    expect(noInject.json()).toMatchObject({ code: 'invalid_input', field: `${field}.injectNumber` });
    const noTeam = await setTask({
      criterion: { kind: 'inject_step', injectNumber: '3', step: 'acknowledged', teamId: other.teams.patrol },
    });
    expect(noTeam.statusCode).toBe(422);
    expect(noTeam.json()).toMatchObject({ field: `${field}.teamId` });
    const badStep = await setTask({ criterion: { kind: 'inject_step', injectNumber: '3', step: 'read' } });
    expect(badStep.statusCode).toBe(400);
    const negative = await setTask({
      criterion: { kind: 'inject_step', injectNumber: '3', step: 'delivered', withinMinutes: 0 },
    });
    expect(negative.statusCode).toBe(400);
    const planNow = (await call('director', 'GET', '/plan')).json();
    expect(planNow.objectives[0].capabilityTargets[0].criticalTasks[0]).toEqual({
      id: plan.task,
      text: 'Close the road',
    });
  });

  it('keeps a criterion, shows it in the plan, keeps it through an edit without it, and clears it on null', async () => {
    const criterion = {
      kind: 'inject_step',
      injectNumber: '3',
      step: 'acknowledged',
      teamId: fx.teams.patrol,
      withinMinutes: 5,
    };
    expect((await setTask({ criterion })).statusCode).toBe(204);
    const task = () =>
      call('director', 'GET', '/plan').then(
        (r) => r.json().objectives[0].capabilityTargets[0].criticalTasks[0],
      );
    expect(await task()).toEqual({ id: plan.task, text: 'Patrol acknowledges inject 3', criterion });
    expect((await setTask({ text: 'Patrol acknowledges inject 3 quickly' })).statusCode).toBe(204);
    expect((await task()).criterion).toEqual(criterion);
    expect((await setTask({ criterion: null })).statusCode).toBe(204);
    expect((await task()).criterion).toBeUndefined();
    expect((await setTask({ criterion })).statusCode).toBe(204);
  });

  it('judges the task before and after the inject fires', async () => {
    const before = await call('evaluator', 'GET', '/metrics');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({
      exerciseId: fx.exerciseId,
      ended: false,
      injects: [],
      criticalTasks: [{ taskId: plan.task, status: 'not_fired', targetMs: 300_000 }],
      objectives: [{ objectiveId: plan.objective, tasks: 1, measured: 1, met: 0, share: 0 }],
      alerts: [],
    });
    const started = await call('director', 'POST', '/clock/commands', {
      command: 'startex',
      confirmName: 'Karaganda full-scale',
      plannedStart: PLANNED_START,
      reason: 'replayed for training',
    });
    expect(started.statusCode, started.body).toBe(200);
    const runs = (await call('director', 'GET', '/injects')).json() as {
      items: { id: string; number: string }[];
    };
    const three = runs.items.find((r) => r.number === '3')!;
    const fired = await call('director', 'POST', `/injects/${three.id}/actions`, {
      action: 'fire',
      reason: 'on cue',
    });
    expect(fired.statusCode, fired.body).toBe(200);
    const after = (await call('director', 'GET', '/metrics')).json();
    expect(after.injects).toMatchObject([
      { number: '3', acknowledgedAt: null, teams: [{ teamId: fx.teams.patrol, teamName: 'Patrol 7' }] },
    ]);
    expect(after.criticalTasks[0].status).toBe('pending');
  });

  it('shows metrics to the exercise’s evaluators and directors only, in their scope', async () => {
    for (const who of ['director', 'evaluator'])
      expect((await call(who, 'GET', '/metrics')).statusCode, who).toBe(200);
    for (const who of ['controller', 'planner', 'player', 'observer'])
      expect((await call(who, 'GET', '/metrics')).statusCode, who).toBe(403);
    for (const who of ['evaluator-elsewhere', 'evaluator-police', 'director-police'])
      expect((await call(who, 'GET', '/metrics')).statusCode, who).toBe(404);
    expect((await call('director', 'GET', '/metrics', undefined, randomUUID())).statusCode).toBe(404);
  });
});
