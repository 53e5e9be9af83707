import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const PASSWORD = 'conduct passphrase';
const ROLES = ['director', 'controller', 'evaluator', 'planner', 'player'] as const;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

describe.each(ENGINES)('running an exercise over the API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  const call = (
    as: string,
    method: Method,
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> => {
    const s = sessions.get(as)!;
    return app.inject({
      method,
      url: `/api/v1/exercises/${fx.exerciseId}${url}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  const command = (as: string, body: Record<string, unknown>) => call(as, 'POST', '/clock/commands', body);

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    for (const role of ROLES)
      await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username: role,
        displayName: `${role} one`,
        password: PASSWORD,
        grants: [{ role }],
      });
    fx = await buildConductExercise(rt.ctx);
    ({ app } = await buildApp(rt.ctx, { logger: false }));
    for (const role of ROLES) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: role, password: PASSWORD },
      });
      const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
      sessions.set(role, {
        cookie: `${c.name}=${c.value}`,
        csrf: (res.json() as { csrfToken: string }).csrfToken,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('lets controllers and directors run the clock, evaluators watch it, and keeps players out', async () => {
    expect((await call('player', 'GET', '/clock')).statusCode).toBe(403);
    expect((await call('player', 'GET', '/injects')).statusCode).toBe(403);
    expect((await command('player', { command: 'startex' })).statusCode).toBe(403);
    expect((await command('planner', { command: 'startex' })).statusCode).toBe(403);
    expect((await command('evaluator', { command: 'startex' })).statusCode).toBe(403);
    const clock = await call('evaluator', 'GET', '/clock');
    expect(clock.json()).toMatchObject({
      name: 'Karaganda full-scale',
      plannedStart: PLANNED_START,
      plannedStartLocal: '2026-10-25 09:00 (UTC+05:00)',
      reading: { phase: 'before', exercise: 'H+00:00:00' },
      pausePolicy: { kind: 'release', intervalSeconds: 60 },
    });
  });

  it('asks STARTEX to name the exercise and its planned start, and a reason far from it', async () => {
    const bare = await command('controller', { command: 'startex' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ code: 'startex_unconfirmed', field: 'confirmName' });
    const confirmed = {
      command: 'startex',
      confirmName: 'Karaganda full-scale',
      plannedStart: PLANNED_START,
    };
    // The test runs long after the planned date: a reason is asked for.
    const far = await command('controller', confirmed);
    expect(far.json()).toMatchObject({ code: 'startex_unconfirmed', field: 'reason' });
    expect(far.json().detail).toMatch(/after the planned start; say why/);
    const started = await command('director', { ...confirmed, reason: 'replayed for training' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({
      reading: { phase: 'running', speed: 1 },
      history: [{ command: 'startex', by: 'director', reason: 'replayed for training' }],
    });
  });

  it('refuses commands out of order and bad input, naming the field', async () => {
    const resume = await command('controller', { command: 'resume', reason: 'the scene is safe again' });
    expect(resume.statusCode).toBe(409);
    expect(resume.json()).toMatchObject({ code: 'clock_already_running', field: 'command' });
    expect(
      (await command('controller', { command: 'speed', speed: 3, reason: 'faster' })).json(),
    ).toMatchObject({
      field: 'speed',
    });
    expect((await command('controller', { command: 'jump', to: 'soon', reason: 'x' })).json()).toMatchObject({
      field: 'to',
    });
    expect((await command('controller', { command: 'pause' })).json()).toMatchObject({ field: 'reason' });
    // Resuming is a decision too: the audit log keeps why.
    expect((await command('controller', { command: 'resume' })).json()).toMatchObject({ field: 'reason' });
    expect((await command('controller', { command: 'pause', reason: 'x', colour: 'red' })).statusCode).toBe(
      400,
    );
    const move = await command('controller', {
      command: 'move',
      scenarioMinutes: 360,
      reason: 'move 2: dawn',
    });
    expect(move.json()).toMatchObject({ reading: { moves: 1, scenarioDay: 1 } });
    expect(move.json().reading.scenario).toMatch(/^2026-10-25T15:00/);
    const speed = await command('controller', { command: 'speed', speed: 60, reason: 'rehearsal pace' });
    expect(speed.json()).toMatchObject({ reading: { speed: 60 } });
  });

  it('fires, holds, skips and edits injects, and refuses to edit one that fired', async () => {
    const list = (await call('evaluator', 'GET', '/injects')).json() as {
      items: { id: string; number: string; status: string }[];
    };
    expect(list.items.map((i) => [i.number, i.status])).toEqual([
      ['1', 'scheduled'],
      ['2', 'scheduled'],
      ['3', 'scheduled'],
      ['C1', 'held'],
      ['4', 'scheduled'],
    ]);
    const [one, two] = list.items;
    expect(
      (await call('evaluator', 'POST', `/injects/${one!.id}/actions`, { action: 'fire' })).statusCode,
    ).toBe(403);
    const fired = await call('controller', 'POST', `/injects/${one!.id}/actions`, { action: 'fire' });
    expect(fired.json()).toMatchObject({
      status: 'fired',
      firedHow: 'controller',
      changedBy: 'controller',
    });
    const edit = await call('controller', 'PATCH', `/injects/${one!.id}`, { title: 'Too late' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'inject_already_fired' });
    const held = await call('controller', 'POST', `/injects/${two!.id}/actions`, {
      action: 'hold',
      reason: 'wait',
    });
    expect(held.json()).toMatchObject({ status: 'held' });
    const edited = await call('controller', 'PATCH', `/injects/${two!.id}`, {
      content: 'Two casualties.',
      dueMinutes: 25,
    });
    expect(edited.json()).toMatchObject({ content: 'Two casualties.', dueSeconds: 1500, status: 'held' });
    const badTeam = await call('controller', 'PATCH', `/injects/${two!.id}`, {
      toTeamIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(badTeam.json()).toMatchObject({ field: 'toTeamIds' });
  });

  it('adds an inject on the fly, fired now or booked for an exercise time ahead, on the live timeline', async () => {
    const add = (as: string, body: unknown) => call(as, 'POST', '/injects', body);
    expect((await add('evaluator', { title: 'Smoke' })).statusCode).toBe(403);
    expect((await add('player', { title: 'Smoke' })).statusCode).toBe(403);
    expect((await add('controller', { title: 'Smoke', at: 'soon' })).json()).toMatchObject({ field: 'at' });
    expect((await add('controller', { title: 'Smoke', at: 'H+00:00:01' })).json()).toMatchObject({
      code: 'inject_time_passed',
      field: 'at',
    });
    expect(
      (
        await add('controller', { title: 'Smoke', toTeamIds: ['00000000-0000-4000-8000-000000000000'] })
      ).json(),
    ).toMatchObject({ field: 'toTeamIds' });
    const now = await add('controller', {
      title: 'Smoke from the boiler room',
      content: 'Guards report smoke in block B.',
      toTeamIds: [fx.teams.patrol],
      reason: 'the patrol reacted too fast',
    });
    expect(now.statusCode, now.body).toBe(201);
    expect(now.json()).toMatchObject({
      number: '+1',
      eventId: null,
      status: 'fired',
      firedHow: 'controller',
      toTeamIds: [fx.teams.patrol],
    });
    const later = await add('director', { title: 'Second casualty', at: 'H+30:00' });
    expect(later.json()).toMatchObject({ number: '+2', status: 'scheduled', dueSeconds: 108_000 });
    // Edited before it fires; the one fired is refused.
    const edited = await call('controller', 'PATCH', `/injects/${later.json().id}`, {
      title: 'Two casualties',
    });
    expect(edited.json()).toMatchObject({ title: 'Two casualties', editedAt: expect.any(String) });
    const refused = await call('controller', 'PATCH', `/injects/${now.json().id}`, { title: 'x' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'inject_already_fired' });
    const list = (await call('evaluator', 'GET', '/injects')).json() as { items: { number: string }[] };
    expect(list.items.map((i) => i.number)).toEqual(expect.arrayContaining(['+1', '+2']));
  });

  it('switches NO PLAY on with a reason players read, refuses it twice, and resumes just as explicitly', async () => {
    const halt = (as: string, body: unknown) => call(as, 'POST', '/no-play', body);
    const resume = (as: string, body: unknown) => call(as, 'POST', '/resume-play', body);
    const reason = { reason: 'Real fire at the prison' };
    for (const role of ['player', 'evaluator', 'planner'])
      expect((await halt(role, reason)).statusCode, role).toBe(403);
    const bare = await halt('controller', {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'invalid_input' });
    expect(JSON.stringify(bare.json())).toContain('reason');
    expect((await halt('controller', { reason: '  ' })).json()).toMatchObject({ field: 'reason' });
    expect((await resume('controller', reason)).json()).toMatchObject({ code: 'no_play_not_on' });

    const on = await halt('controller', reason);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({
      reading: { halted: true },
      noPlay: { reason: 'Real fire at the prison', by: 'controller' },
    });
    const twice = await halt('director', { reason: 'again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'no_play_already_on' });
    expect((await command('controller', { command: 'pause', reason: 'x' })).json()).toMatchObject({
      code: 'no_play_on',
    });
    // Players may not read the clock, but they read the exercise, and it says why play stopped.
    const seen = await app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${fx.exerciseId}`,
      headers: { cookie: sessions.get('player')!.cookie },
    });
    expect(seen.json()).toMatchObject({ noPlay: { reason: 'Real fire at the prison' } });

    expect((await resume('controller', {})).statusCode).toBe(400);
    const off = await resume('director', { reason: 'All clear' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ noPlay: null, reading: { halted: false, phase: 'running' } });
    expect(off.json().history.slice(-2)).toMatchObject([
      { command: 'no-play', by: 'controller', reason: 'Real fire at the prison' },
      { command: 'resume-play', by: 'director', reason: 'All clear' },
    ]);
    expect((await resume('director', { reason: 'again' })).statusCode).toBe(409);
  });

  it('shows the pause policy before resume, and ends once', async () => {
    await call('controller', 'PUT', '/clock/settings', { pausePolicy: 'hold' });
    await command('controller', { command: 'pause', reason: 'real casualty' });
    const preview = await call('controller', 'GET', '/clock/resume-preview');
    expect(preview.json()).toMatchObject({ pausePolicy: { kind: 'hold' } });
    await command('controller', { command: 'resume', reason: 'the scene is safe again' });
    expect((await command('controller', { command: 'endex', reason: 'done' })).json()).toMatchObject({
      reading: { phase: 'ended' },
    });
    const again = await command('controller', { command: 'endex', reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'clock_ended' });
  });

  it('documents every route in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    for (const p of [
      '/api/v1/exercises/{id}/clock',
      '/api/v1/exercises/{id}/clock/commands',
      '/api/v1/exercises/{id}/clock/settings',
      '/api/v1/exercises/{id}/clock/resume-preview',
      '/api/v1/exercises/{id}/no-play',
      '/api/v1/exercises/{id}/resume-play',
      '/api/v1/exercises/{id}/injects',
      '/api/v1/exercises/{id}/injects/{injectId}',
      '/api/v1/exercises/{id}/injects/{injectId}/actions',
    ])
      expect(doc.paths, p).toHaveProperty([p]);
  });
});
