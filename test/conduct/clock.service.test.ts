import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { readWake, type Wake } from '../../src/jobs/schedule/scheduler.js';
import { contextFor } from '../../src/runtime.js';
import { clockCommand, getClock } from '../../src/services/conduct/clock.service.js';
import { previewResume, setClockSettings } from '../../src/services/conduct/settings.service.js';
import { INJECT_TOPIC, injectWakeKey } from '../../src/services/conduct/conduct.js';
import {
  editInject,
  injectAction,
  listInjects,
  onInjectWake,
} from '../../src/services/conduct/injects.service.js';
import type { AppContext } from '../../src/services/context.js';
import { AppError } from '../../src/errors.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const controller: Actor = {
  userId: 'u-controller',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const evaluator: Actor = {
  userId: 'u-evaluator',
  grants: [{ role: 'evaluator', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-controller', name: 'Controller Aigerim' };
const min = 60_000;
const T0 = Date.parse(PLANNED_START);

/** The refusal's code, or 'accepted'. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe.each(ENGINES)('running an exercise’s clock on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let now = T0;
  let fx: ConductFixture;

  const startex = {
    command: 'startex' as const,
    confirmName: 'Karaganda full-scale',
    plannedStart: PLANNED_START,
  };
  const runs = () => listInjects(ctx, controller, fx.exerciseId);
  const runOf = async (number: string) => (await runs()).find((r) => r.number === number)!;
  const wakeOf = async (number: string) =>
    readWake(ctx.db.kysely, INJECT_TOPIC, injectWakeKey(fx.exerciseId, (await runOf(number)).id));
  /** What the scheduler would call for the inject's wake. */
  const wake = async (number: string) => {
    const run = await runOf(number);
    const booked = (await wakeOf(number))!;
    const w: Wake = { ...booked, payload: null, attempt: 1 };
    await onInjectWake(ctx, { ...w, key: injectWakeKey(fx.exerciseId, run.id) });
  };
  const fanouts = () =>
    ctx.db.kysely.selectFrom('fanouts').selectAll().where('source_kind', '=', 'inject').execute();

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(rt.ctx.db, rt.ctx.config, { now: () => new Date(now) });
  });
  afterAll(() => drop());

  it('starts only when confirmed, naming the exercise and its planned start, with a reason when far off', async () => {
    fx = await buildConductExercise(ctx);
    now = T0 - 7 * 24 * 60 * min;
    const err = await clockCommand(ctx, who, controller, fx.exerciseId, { command: 'startex' }).catch(
      (e: AppError) => e,
    );
    expect(err).toMatchObject({ code: 'startex_unconfirmed', field: 'confirmName' });
    expect((err as AppError).errors!.map((e) => e.field)).toEqual(['confirmName', 'plannedStart', 'reason']);
    expect(await outcome(clockCommand(ctx, who, controller, fx.exerciseId, startex))).toBe(
      'startex_unconfirmed',
    );
    expect(await outcome(clockCommand(ctx, who, evaluator, fx.exerciseId, startex))).toBe('forbidden');
    now = T0 + 2 * min;
    const view = await clockCommand(ctx, who, controller, fx.exerciseId, startex);
    expect(view.reading).toMatchObject({
      phase: 'running',
      exercise: 'H+00:00:00',
      scenario: '2026-10-25T09:00:00',
    });
    expect(view.history).toEqual([expect.objectContaining({ command: 'startex', by: 'Controller Aigerim' })]);
    const exercise = await ctx.db.kysely
      .selectFrom('exercises')
      .select('status')
      .where('id', '=', fx.exerciseId)
      .executeTakeFirstOrThrow();
    expect(exercise.status).toBe('running');
    // Every inject is booked for its exercise time; the contingency inject waits for the controller.
    expect((await wakeOf('1'))!.at.getTime()).toBe(T0 + 12 * min);
    expect((await wakeOf('4'))!.at.getTime()).toBe(T0 + 62 * min);
    expect(await runOf('C1')).toMatchObject({ status: 'held', contingency: true });
    expect(await wakeOf('C1')).toBeUndefined();
  });

  it('refuses commands out of order with a reason', async () => {
    expect(
      await outcome(
        clockCommand(ctx, who, controller, fx.exerciseId, {
          command: 'resume',
          reason: 'the scene is safe again',
        }),
      ),
    ).toBe('clock_already_running');
    expect(await outcome(clockCommand(ctx, who, controller, fx.exerciseId, startex))).toBe(
      'clock_already_started',
    );
    expect(await outcome(clockCommand(ctx, who, controller, fx.exerciseId, { command: 'pause' }))).toBe(
      'invalid_input',
    );
    expect(
      await outcome(
        clockCommand(ctx, who, controller, fx.exerciseId, { command: 'speed', speed: 3, reason: 'x' }),
      ),
    ).toBe('invalid_input');
  });

  it('fires an inject at its time, once, to its fan-out; an early wake fires nothing', async () => {
    now = T0 + 11 * min;
    await wake('1');
    expect(await runOf('1')).toMatchObject({ status: 'scheduled' });
    now = T0 + 12 * min;
    await wake('1');
    await wake('1');
    expect(await runOf('1')).toMatchObject({
      status: 'fired',
      firedHow: 'clock',
      firedAt: new Date(now).toISOString(),
    });
    expect(await fanouts()).toEqual([
      expect.objectContaining({ mode: 'exercise', exercise_id: fx.exerciseId, sequence: 1 }),
    ]);
  });

  it('adds no exercise time while paused, and re-books on resume and on a speed change', async () => {
    now = T0 + 15 * min; // H+00:13
    await clockCommand(ctx, who, controller, fx.exerciseId, { command: 'pause', reason: 'casualty on site' });
    now = T0 + 22 * min; // inject 2's old time: the clock is paused
    await wake('2');
    expect(await runOf('2')).toMatchObject({ status: 'scheduled' });
    now = T0 + 45 * min;
    const preview = await previewResume(ctx, controller, fx.exerciseId);
    expect(preview).toMatchObject({ backlog: [], upcoming: 3 });
    const view = await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'resume',
      reason: 'the scene is safe again',
    });
    expect(view.reading.exercise).toBe('H+00:13:00');
    // Inject 2 at H+00:20 is 7 minutes of exercise time away.
    expect((await wakeOf('2'))!.at.getTime()).toBe(now + 7 * min);
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'speed',
      speed: 10,
      reason: 'rehearsal pace',
    });
    expect((await wakeOf('2'))!.at.getTime()).toBe(now + 42_000);
    now += 42_000;
    await wake('2');
    expect(await runOf('2')).toMatchObject({ status: 'fired' });
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'speed',
      speed: 1,
      reason: 'back to real time',
    });
  });

  it('shows the pause policy before resume, and releases a backlog in order, spaced, never in a burst', async () => {
    await setClockSettings(ctx, who, controller, fx.exerciseId, {
      pausePolicy: 'release',
      releaseIntervalSeconds: 120,
    });
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'pause',
      reason: 'skip the approach',
    });
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'jump',
      to: 'H+02:30',
      reason: 'skip the approach',
    });
    const preview = await previewResume(ctx, controller, fx.exerciseId);
    expect(preview.backlog.map((b) => [b.number, (Date.parse(b.releasedAt!) - now) / 1000])).toEqual([
      ['3', 0],
      ['4', 120],
    ]);
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'resume',
      reason: 'the scene is safe again',
    });
    await wake('4');
    expect(await runOf('4')).toMatchObject({ status: 'scheduled' });
    await wake('3');
    expect(await runOf('3')).toMatchObject({ status: 'fired' });
    now += 120_000;
    await wake('4');
    expect(await runOf('4')).toMatchObject({ status: 'fired' });
    expect((await fanouts()).length).toBe(4);
  });

  it('lets a controller fire, hold, skip and edit an inject, refusing edits after it fired', async () => {
    const c1 = await runOf('C1');
    expect(
      await outcome(
        editInject(ctx, who, controller, fx.exerciseId, (await runOf('1')).id, { title: 'Late' }),
      ),
    ).toBe('inject_already_fired');
    expect(await outcome(injectAction(ctx, who, controller, fx.exerciseId, c1.id, 'skip'))).toBe(
      'invalid_input',
    );
    const edited = await editInject(ctx, who, controller, fx.exerciseId, c1.id, {
      content: 'Hostages moved to the airport.',
    });
    expect(edited).toMatchObject({ content: 'Hostages moved to the airport.', status: 'held' });
    expect(edited.editedAt).not.toBeNull();
    expect(await injectAction(ctx, who, controller, fx.exerciseId, c1.id, 'fire')).toMatchObject({
      status: 'fired',
      firedHow: 'controller',
    });
    expect(await outcome(injectAction(ctx, who, controller, fx.exerciseId, c1.id, 'fire'))).toBe(
      'inject_already_fired',
    );
    expect(await outcome(injectAction(ctx, who, controller, fx.exerciseId, c1.id, 'hold', 'why'))).toBe(
      'inject_already_fired',
    );
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('subject_id', '=', c1.id)
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'inject.edited', actor_name: 'Controller Aigerim' },
      { action: 'inject.fired', actor_name: 'Controller Aigerim' },
    ]);
  });

  it('re-plans a backlog after an outage instead of firing it in a burst, and holds it under the hold policy', async () => {
    const second = await buildConductExercise(ctx, 'Pavlodar drill');
    const saved = fx;
    fx = second;
    now = T0;
    await clockCommand(ctx, who, controller, fx.exerciseId, { ...startex, confirmName: 'Pavlodar drill' });
    await setClockSettings(ctx, who, controller, fx.exerciseId, {
      pausePolicy: 'release',
      releaseIntervalSeconds: 60,
    });
    // Nobody ran the wakes for 40 minutes: injects 1, 2 and 3 are all overdue.
    now = T0 + 40 * min;
    const fired = async () => (await runs()).filter((r) => r.status === 'fired').map((r) => r.number);
    await wake('3');
    expect(await fired()).toEqual([]);
    expect((await runs()).slice(0, 3).map((r) => r.releaseAt)).toEqual(
      [0, 1, 2].map((n) => new Date(now + n * min).toISOString()),
    );
    await wake('1');
    await wake('2');
    expect(await fired()).toEqual(['1']);
    await setClockSettings(ctx, who, controller, fx.exerciseId, { pausePolicy: 'hold' });
    await clockCommand(ctx, who, controller, fx.exerciseId, { command: 'pause', reason: 'outage review' });
    now += 5 * min;
    expect(
      (await previewResume(ctx, controller, fx.exerciseId)).backlog.map((b) => [b.number, b.held]),
    ).toEqual([
      ['2', true],
      ['3', true],
    ]);
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'resume',
      reason: 'the scene is safe again',
    });
    expect((await runs()).map((r) => [r.number, r.status])).toEqual([
      ['1', 'fired'],
      ['2', 'held'],
      ['3', 'held'],
      ['C1', 'held'],
      ['4', 'scheduled'],
    ]);
    await injectAction(
      ctx,
      who,
      controller,
      fx.exerciseId,
      (await runOf('2')).id,
      'skip',
      'overtaken by events',
    );
    await injectAction(ctx, who, controller, fx.exerciseId, (await runOf('3')).id, 'release');
    expect((await wakeOf('3'))!.at.getTime()).toBe(now);
    fx = saved;
  });

  it('ends once: ENDEX twice is refused; the history and the live stream tell every command', async () => {
    await clockCommand(ctx, who, controller, fx.exerciseId, { command: 'endex', reason: 'objectives met' });
    expect(
      await outcome(clockCommand(ctx, who, controller, fx.exerciseId, { command: 'endex', reason: 'again' })),
    ).toBe('clock_ended');
    const view = await getClock(ctx, controller, fx.exerciseId);
    expect(view.history.map((h) => h.command)).toEqual([
      'startex',
      'pause',
      'resume',
      'speed',
      'speed',
      'pause',
      'jump',
      'resume',
      'endex',
    ]);
    const events = await ctx.db.kysely
      .selectFrom('events')
      .select('type')
      .where('exercise_id', '=', fx.exerciseId)
      .execute();
    expect(events.filter((e) => e.type === 'clock.changed')).toHaveLength(9);
  });
});
