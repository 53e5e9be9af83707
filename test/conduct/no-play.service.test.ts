import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { AppError } from '../../src/errors.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { readWake, type Wake } from '../../src/jobs/schedule/scheduler.js';
import { contextFor } from '../../src/runtime.js';
import { clockCommand, getClock } from '../../src/services/conduct/clock.service.js';
import { INJECT_TOPIC, injectWakeKey } from '../../src/services/conduct/conduct.js';
import { addInject } from '../../src/services/conduct/inject-add.service.js';
import { injectAction, listInjects, onInjectWake } from '../../src/services/conduct/injects.service.js';
import { switchNoPlay } from '../../src/services/conduct/no-play.service.js';
import { previewResume, setClockSettings } from '../../src/services/conduct/settings.service.js';
import type { AppContext } from '../../src/services/context.js';
import { getExercise } from '../../src/services/planning/exercises.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const ORG = 'org-karaganda-police';
const grant = (role: string, scope: { organisationId?: string; exerciseId?: string } = {}): Actor => ({
  userId: `u-${role}`,
  grants: [
    {
      role: role as 'controller',
      organisationId: scope.organisationId ?? null,
      exerciseId: scope.exerciseId ?? null,
    },
  ],
});
const director = grant('director', { organisationId: ORG });
const who = { userId: 'u-director', name: 'Director Nurlan' };
const min = 60_000;
const T0 = Date.parse(PLANNED_START);

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe.each(ENGINES)('NO PLAY on %s', (engine) => {
  let ctx: AppContext;
  let smtp: TestSmtp;
  let drop: () => Promise<void>;
  let now = T0;
  let fx: ConductFixture;

  const runOf = async (number: string) =>
    (await listInjects(ctx, director, fx.exerciseId)).find((r) => r.number === number)!;
  const wakeOf = async (number: string) =>
    readWake(ctx.db.kysely, INJECT_TOPIC, injectWakeKey(fx.exerciseId, (await runOf(number)).id));
  /** What the scheduler calls when an inject's booked wake comes. */
  const wake = async (number: string) => {
    const booked = (await wakeOf(number))!;
    const w: Wake = { ...booked, payload: null, attempt: 1 };
    await onInjectWake(ctx, w);
  };
  const noPlay = (actor: Actor, reason: string | null = 'A real fire at the prison; units withdrawn') =>
    switchNoPlay(ctx, who, actor, fx.exerciseId, true, reason);
  const resumePlay = (actor: Actor, reason: string | null = 'The fire is out; the units are back') =>
    switchNoPlay(ctx, who, actor, fx.exerciseId, false, reason);
  const audit = (action: string) =>
    ctx.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('subject_id', '=', fx.exerciseId)
      .execute();

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(rt.ctx.db, { ...rt.ctx.config, smtpUrl: smtp.url }, { now: () => new Date(now) });
    await ctx.db.kysely
      .insertInto('organisations')
      .values({
        id: ORG,
        name: 'Karaganda police',
        short_name: null,
        kind: 'police',
        created_at: PLANNED_START,
      })
      .execute();
  });
  afterAll(async () => {
    await ctx.channels.close();
    await smtp.close();
    await drop();
  });

  it('is refused to those who do not run this exercise, and needs a reason', async () => {
    fx = await buildConductExercise(ctx);
    await ctx.db.kysely
      .updateTable('exercises')
      .set({ lead_organisation_id: ORG })
      .where('id', '=', fx.exerciseId)
      .execute();
    now = T0;
    await clockCommand(ctx, who, director, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
    });
    for (const actor of [
      grant('evaluator'),
      grant('player', { exerciseId: fx.exerciseId }),
      grant('planner'),
      grant('controller', { organisationId: 'org-other' }),
      grant('controller', { exerciseId: randomUUID() }),
    ])
      expect(await outcome(noPlay(actor))).toBe('forbidden');
    expect(await outcome(noPlay(director, '   '))).toBe('invalid_input');
    expect(await outcome(noPlay(director, null))).toBe('invalid_input');
    expect(await outcome(resumePlay(director))).toBe('no_play_not_on');
    expect((await getClock(ctx, director, fx.exerciseId)).noPlay).toBeNull();
  });

  it('holds the exercise’s deliveries and firings, stops exercise time, and tells everyone why', async () => {
    // H+00:35 at once: injects 1, 2 and 3 came due, released one a minute; 1 fires, then NO PLAY.
    now = T0 + min;
    await clockCommand(ctx, who, director, fx.exerciseId, {
      command: 'jump',
      to: 'H+00:35',
      reason: 'skip the assembly',
    });
    await wake('1');
    expect((await runOf('1')).status).toBe('fired');
    await new FanOutWorker(ctx).drain();
    now = T0 + min + 30_000;
    const controller = grant('controller', { exerciseId: fx.exerciseId });
    const view = await noPlay(controller);
    expect(view.reading).toMatchObject({ halted: true, phase: 'running', exercise: 'H+00:35:30' });
    expect(view.noPlay).toEqual({
      since: new Date(now).toISOString(),
      reason: 'A real fire at the prison; units withdrawn',
      by: 'Director Nurlan',
    });
    expect(await outcome(noPlay(director, 'again'))).toBe('no_play_already_on');

    // Nothing leaves: inject 1's three e-mails wait, the release of 2 finds the clock halted.
    const dispatcher = new OutboxDispatcher(ctx);
    expect(await dispatcher.drain()).toBe(0);
    now = T0 + 20 * min;
    await wake('2');
    await wake('4');
    expect((await runOf('2')).status).toBe('scheduled');
    expect((await runOf('4')).status).toBe('scheduled');
    expect(
      await outcome(injectAction(ctx, who, director, fx.exerciseId, (await runOf('3')).id, 'fire')),
    ).toBe('no_play_on');
    // An inject added "now" under NO PLAY waits, like every inject that came due.
    const added = await addInject(ctx, who, director, fx.exerciseId, { title: 'Smoke in block B' });
    expect(added).toMatchObject({ number: '+1', status: 'scheduled', dueSeconds: 35 * 60 + 30 });
    for (const command of [
      { command: 'pause' as const, reason: 'x' },
      { command: 'speed' as const, speed: 10, reason: 'x' },
    ])
      expect(await outcome(clockCommand(ctx, who, director, fx.exerciseId, command))).toBe('no_play_on');
    expect((await getClock(ctx, director, fx.exerciseId)).reading.exercise).toBe('H+00:35:30');

    // Players read it on the exercise itself, and on the live stream.
    const player = grant('player', { exerciseId: fx.exerciseId });
    expect((await getExercise(ctx, player, fx.exerciseId)).noPlay?.reason).toBe(
      'A real fire at the prison; units withdrawn',
    );
    const events = await ctx.db.kysely
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'no_play.changed')
      .where('exercise_id', '=', fx.exerciseId)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ permission: 'exercises:read', organisation_id: ORG });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ on: true, by: 'Director Nurlan' });
    expect(await audit('exercise.no_play')).toEqual([
      expect.objectContaining({ actor_name: 'Director Nurlan' }),
    ]);
  });

  it('resumes explicitly: held deliveries go out, and what was due follows the pause policy', async () => {
    now = T0 + 30 * min;
    // The controller sees before resuming what lifting NO PLAY does.
    const preview = await previewResume(ctx, director, fx.exerciseId);
    expect(preview.backlog.map((b) => [b.number, b.releasedAt])).toEqual([
      ['2', new Date(now).toISOString()],
      ['3', new Date(now + min).toISOString()],
      ['+1', new Date(now + 2 * min).toISOString()],
    ]);
    expect(await outcome(resumePlay(director, ''))).toBe('invalid_input');
    const view = await resumePlay(director);
    expect(view.noPlay).toBeNull();
    expect(view.reading).toMatchObject({ halted: false, exercise: 'H+00:35:30' });
    // 2, 3 and the added +1 one a minute apart from now, never together; 4 keeps its exercise time.
    expect((await wakeOf('2'))!.at.getTime()).toBe(now);
    expect((await wakeOf('3'))!.at.getTime()).toBe(now + min);
    expect((await wakeOf('+1'))!.at.getTime()).toBe(now + 2 * min);
    expect((await wakeOf('4'))!.at.getTime()).toBe(now + 24.5 * min);
    await wake('2');
    await wake('3');
    expect((await runOf('2')).status).toBe('fired');
    expect((await runOf('3')).status).toBe('scheduled');

    const dispatcher = new OutboxDispatcher(ctx);
    expect(await dispatcher.drain()).toBe(3);
    const mails = await smtp.waitFor(3);
    expect(mails).toHaveLength(3);
    expect(await audit('exercise.resume_play')).toEqual([
      expect.objectContaining({ actor_name: 'Director Nurlan' }),
    ]);
    const [entry] = await audit('exercise.resume_play');
    expect(JSON.parse(entry!.detail)).toMatchObject({ released: 3, held: 0 });
    expect(await outcome(resumePlay(director))).toBe('no_play_not_on');
  });

  it('holds what was due for the controller when that is the policy, and ends under NO PLAY for good', async () => {
    now = T0 + 32 * min;
    await noPlay(director);
    await setClockSettings(ctx, who, director, fx.exerciseId, { pausePolicy: 'hold' });
    // The release of 3 was due during the halt; with the hold policy it waits for the controller.
    now = T0 + 40 * min;
    await resumePlay(director);
    expect((await runOf('3')).status).toBe('held');
    await noPlay(director);
    await clockCommand(ctx, who, director, fx.exerciseId, { command: 'endex', reason: 'real emergency' });
    const clock = await getClock(ctx, director, fx.exerciseId);
    expect(clock.reading).toMatchObject({ phase: 'ended', halted: true });
    expect(clock.noPlay).not.toBeNull();
    expect(await outcome(resumePlay(director))).toBe('clock_ended');
  });
});
