/**
 * Branching over the API, on SQLite and PostgreSQL: a planner makes an inject a decision point and
 * other injects wait for one of its options or for a milestone; at STARTEX those wait hidden; the
 * players' first decision releases its branch and skips the other, once; a controller marks a
 * milestone and what waits for it is released. Bad input gets a named error and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const PASSWORD = 'branching passphrase';
// A loose reading of JSON answers: the schemas are checked by the server (DABYL_CHECK_RESPONSES).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe.each(ENGINES)('branching injects on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let base: string;
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let fx: ConductFixture;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const runs: Record<string, string> = {};

  const call = async (as: string, method: string, url: string, body?: unknown) => {
    const s = sessions.get(as)!;
    const res = await fetch(`${base}/api/v1/exercises/${fx.exerciseId}${url}`, {
      method,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as Json };
  };
  const branch = (eventNumber: string, body: unknown) =>
    call('planner', 'PUT', `/msel/${fx.events[eventNumber]!.id}/branching`, body);
  const injects = async () => {
    const r = await call('controller', 'GET', '/injects');
    expect(r.status, r.text).toBe(200);
    return Object.fromEntries((r.json().items as Json[]).map((i) => [i.number, i])) as Record<string, Json>;
  };
  const deliver = async () => {
    await new FanOutWorker(ctx).drain();
    await new OutboxDispatcher(ctx).drain();
  };
  const question = { question: 'Storm the building or negotiate?', options: ['Storm', 'Negotiate'] };

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    fx = await buildConductExercise(ctx);
    const users: [string, string][] = [
      ['patrol-a', 'player'],
      ['patrol-b', 'player'],
      ['medic', 'player'],
      ['controller', 'controller'],
      ['planner', 'planner'],
    ];
    for (const [username, role] of users) {
      const u = await createUser(ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: `${username} one`,
        password: PASSWORD,
        grants: [{ role: role as 'player' }],
      });
      const seat = { 'patrol-a': 'Patrol officer A', 'patrol-b': 'Patrol officer B', medic: 'Paramedic' }[
        username
      ];
      if (seat)
        await ctx.db.kysely
          .updateTable('exercise_people')
          .set({ user_id: u.id })
          .where('exercise_id', '=', fx.exerciseId)
          .where('name', '=', seat)
          .execute();
    }
    ({ app } = await buildApp(ctx, { logger: false }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const [username] of users) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      sessions.set(username, {
        cookie: res.headers.get('set-cookie')!.split(';')[0]!,
        csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.channels.close();
    await drop?.();
  });

  it('lets a planner make a decision point and injects that wait for its options or a milestone', async () => {
    const point = await branch('1', { decision: question });
    expect(point.status, point.text).toBe(200);
    expect(
      (
        await branch('3', {
          releaseOn: { kind: 'decision', eventId: fx.events['1']!.id, option: 'storm', delayMinutes: 0 },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await branch('4', {
          releaseOn: { kind: 'decision', eventId: fx.events['1']!.id, option: 'Negotiate', delayMinutes: 10 },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await branch('C1', {
          releaseOn: { kind: 'milestone', milestone: 'Perimeter secured', delayMinutes: 5 },
        })
      ).status,
    ).toBe(200);
    const plan = await call('controller', 'GET', '/branching');
    expect(plan.status).toBe(200);
    expect(plan.json().milestones).toEqual(['Perimeter secured']);
    expect(plan.json().events).toHaveLength(4);
    // The MSEL was approved: a changed branching sends the event back to review.
    const msel = await call('planner', 'GET', '/msel');
    expect((msel.json().events as Json[]).find((e) => e.number === '3')!.approval).toBe('draft');
    // Players never learn which injects wait: the branching is the controllers' side of the plan.
    expect((await call('patrol-a', 'GET', '/branching')).status).toBe(403);
    expect(
      (await call('controller', 'PUT', `/msel/${fx.events['2']!.id}/branching`, { decision: question }))
        .status,
    ).toBe(403);
  });

  it('refuses a branching that could never play out, naming the field, and keeps what was saved', async () => {
    const point = fx.events['1']!.id;
    const refused = async (number: string, body: unknown, field: string, code: string) => {
      const r = await branch(number, body);
      expect(r.status, r.text).toBe(422);
      expect(r.json(), r.text).toMatchObject({ code: 'invalid_input', field });
      expect(r.text).toContain(code === 'unknown_option' ? 'Surrender' : '');
    };
    await refused(
      '2',
      { releaseOn: { kind: 'decision', eventId: point, option: 'Surrender', delayMinutes: 0 } },
      'releaseOn.option',
      'unknown_option',
    );
    await refused(
      '2',
      { releaseOn: { kind: 'decision', eventId: fx.events['4']!.id, option: 'Yes', delayMinutes: 0 } },
      'releaseOn.eventId',
      'not_a_decision',
    );
    await refused(
      '1',
      { decision: { question: 'Storm?', options: ['Storm', 'Wait'] } },
      'decision.options',
      'option_in_use',
    );
    await refused(
      '1',
      {
        decision: question,
        releaseOn: { kind: 'decision', eventId: point, option: 'Storm', delayMinutes: 0 },
      },
      'releaseOn.eventId',
      'self_reference',
    );
    // Schema-level problems are named too: one option only, a negative delay.
    const one = await branch('2', { decision: { question: 'Q?', options: ['Only'] } });
    expect(one.status).toBe(400);
    expect(one.json()).toMatchObject({ field: 'decision.options' });
    const plan = await call('planner', 'GET', '/branching');
    expect((plan.json().events as Json[]).find((e) => e.eventId === point)!.decision).toEqual(question);
    expect(plan.json().events).toHaveLength(4);
  });

  it('keeps injects that wait hidden and held from STARTEX, each saying what it waits for', async () => {
    const start = await call('controller', 'POST', '/clock/commands', {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'branching rehearsal',
      unapproved: 'play',
    });
    expect(start.status, start.text).toBe(200);
    const all = await injects();
    for (const [number, id] of Object.entries(all)) runs[number] = id.id as string;
    expect(all['1']).toMatchObject({ status: 'scheduled', decision: { ...question, chosen: null } });
    expect(all['3']).toMatchObject({
      status: 'held',
      releaseOn: { kind: 'decision', number: '1', option: 'storm' },
    });
    expect(all['4']).toMatchObject({
      status: 'held',
      releaseOn: { kind: 'decision', number: '1', option: 'Negotiate', delayMinutes: 10 },
    });
    expect(all['C1']).toMatchObject({
      status: 'held',
      releaseOn: { kind: 'milestone', milestone: 'Perimeter secured' },
    });
    // Before it fires nobody can answer it.
    const early = await call('controller', 'POST', `/control/injects/${runs['1']}/decision`, {
      option: 'Storm',
    });
    expect(early.status).toBe(409);
    expect(early.json().code).toBe('inject_not_fired');
  });

  it('releases the branch the players chose, once, and skips the branch not taken', async () => {
    expect(
      (
        await call('controller', 'POST', `/injects/${runs['1']}/actions`, {
          action: 'fire',
          reason: 'on cue',
        })
      ).status,
    ).toBe(200);
    await call('controller', 'POST', `/injects/${runs['2']}/actions`, { action: 'fire', reason: 'on cue' });
    await deliver();
    const view = (await call('patrol-a', 'GET', '/play')).json();
    const asked = (view.injects as Json[]).find((i) => i.number === '1')!;
    expect(asked.decision).toEqual({ ...question, chosen: null, by: null });
    // Held injects are not in anyone's view, nor reachable by id.
    expect((view.injects as Json[]).map((i) => i.number).sort()).toEqual(['1']);
    expect(
      (await call('patrol-a', 'POST', `/play/injects/${runs['3']}/decision`, { option: 'Storm' })).status,
    ).toBe(404);

    const unknown = await call('patrol-a', 'POST', `/play/injects/${runs['1']}/decision`, {
      option: 'Surrender',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json()).toMatchObject({ field: 'option' });
    const decided = await call('patrol-a', 'POST', `/play/injects/${runs['1']}/decision`, {
      option: ' storm ',
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.json().decision).toEqual({ ...question, chosen: 'Storm', by: 'Patrol officer A' });
    // The same answer again changes nothing; another one is refused, saying who chose what.
    expect(
      (await call('patrol-b', 'POST', `/play/injects/${runs['1']}/decision`, { option: 'Storm' })).status,
    ).toBe(200);
    const late = await call('medic', 'POST', `/play/injects/${runs['1']}/decision`, { option: 'Negotiate' });
    expect(late.status).toBe(409);
    expect(late.json()).toMatchObject({ code: 'decision_taken' });
    expect(late.text).toContain('Patrol officer A');
    const plain = await call('medic', 'POST', `/play/injects/${runs['2']}/decision`, { option: 'Storm' });
    expect(plain.json().code).toBe('inject_not_a_decision');

    const all = await injects();
    expect(all['1']!.decision).toMatchObject({ chosen: 'Storm', by: 'Patrol officer A', via: 'player' });
    expect(all['3']).toMatchObject({ status: 'scheduled', due: true });
    expect(all['4']).toMatchObject({ status: 'skipped' });
    const log = await call('controller', 'GET', '/control/log');
    const actions = (log.json().items as Json[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'inject.decided')).toHaveLength(1);
    expect(actions).toContain('inject.branch_released');
    expect(actions).toContain('inject.branch_not_taken');
  });

  it('releases what waits for a milestone when a controller marks it, once', async () => {
    expect(
      (await call('patrol-a', 'POST', '/control/milestones', { milestone: 'Perimeter secured' })).status,
    ).toBe(403);
    const before = await call('controller', 'GET', '/control/milestones');
    expect(before.json().items).toEqual([
      { name: 'Perimeter secured', reachedAt: null, reachedBy: null, exerciseTime: null, waiting: 1 },
    ]);
    const marked = await call('controller', 'POST', '/control/milestones', {
      milestone: ' perimeter SECURED ',
    });
    expect(marked.status, marked.text).toBe(200);
    expect(marked.json().items[0]).toMatchObject({
      name: 'Perimeter secured',
      reachedBy: 'controller',
      waiting: 0,
    });
    const c1 = (await injects())['C1']!;
    expect(c1).toMatchObject({ status: 'scheduled', due: false });
    // Five minutes of exercise time after the mark.
    const clock = (await call('controller', 'GET', '/clock')).json();
    const now = clock.reading.exercise as string;
    const [h, m, s] = now.slice(2).split(':').map(Number) as [number, number, number];
    expect(c1.dueSeconds - (h * 3600 + m * 60 + s)).toBeGreaterThanOrEqual(298);
    expect(c1.dueSeconds - (h * 3600 + m * 60 + s)).toBeLessThanOrEqual(300);
    const again = await call('controller', 'POST', '/control/milestones', { milestone: 'Perimeter secured' });
    expect(again.json().items[0].reachedAt).toBe(marked.json().items[0].reachedAt);
    const blank = await call('controller', 'POST', '/control/milestones', { milestone: ' ' });
    expect(blank.status).toBe(422);
    expect(blank.json()).toMatchObject({ field: 'milestone' });
  });
});
