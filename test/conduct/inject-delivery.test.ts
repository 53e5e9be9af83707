import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import { defineWakes } from '../../src/jobs/builtin.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { EmbeddedScheduler } from '../../src/jobs/schedule/embedded.scheduler.js';
import { readWake, type Wake } from '../../src/jobs/schedule/scheduler.js';
import { contextFor, openRuntime, type Runtime } from '../../src/runtime.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { setClockSettings } from '../../src/services/conduct/settings.service.js';
import { INJECT_TOPIC, injectWakeKey } from '../../src/services/conduct/conduct.js';
import { injectAction, listInjects, onInjectWake } from '../../src/services/conduct/injects.service.js';
import { injectSource } from '../../src/services/conduct/inject.source.js';
import { systemClock, type AppContext } from '../../src/services/context.js';
import { testDatabaseUrl } from '../setup/engines.js';
import { buildConductExercise, PLANNED_START } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { createTestSchema, dropTestSchema } from '../support/postgres.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const controller: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-c', name: 'Controller Aigerim' };
const T0 = Date.parse(PLANNED_START);

/** Polls until `check` holds; the limit only keeps a broken run from hanging. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe.each(ENGINES)('injects reaching players on %s', (engine) => {
  let ctx: AppContext;
  let smtp: TestSmtp;
  let drop: () => Promise<void>;
  const now = T0;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(rt.ctx.db, { ...rt.ctx.config, smtpUrl: smtp.url }, { now: () => new Date(now) });
  });
  afterAll(async () => {
    await ctx.channels.close();
    await smtp.close();
    await drop();
  });

  it('sends a fired inject to its team’s players only, marked as exercise traffic, and holds it under NO PLAY', async () => {
    const fx = await buildConductExercise(ctx);
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
    });
    const runs = await listInjects(ctx, controller, fx.exerciseId);
    const patrolInject = runs.find((r) => r.number === '3')!;
    await injectAction(
      ctx,
      who,
      controller,
      fx.exerciseId,
      patrolInject.id,
      'fire',
      'the patrol is in position',
    );
    const fanOut = new FanOutWorker(ctx);
    const dispatcher = new OutboxDispatcher(ctx);
    await fanOut.drain();
    expect(await dispatcher.drain()).toBe(2);
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => m.to && !Array.isArray(m.to) && m.to.text).sort()).toEqual([
      'patrol-a@police.example.kz',
      'patrol-b@police.example.kz',
    ]);
    const ru = mails.find((m) => !Array.isArray(m.to) && m.to?.text === 'patrol-a@police.example.kz')!;
    expect(ru.subject).toBe(`${EXERCISE_HEAD} - УЧЕНИЯ: Вводная 3: Inject 3 title`);
    expect(ru.text).toContain('Report of a shooting near the prison gate (3).');
    expect(ru.text).toContain(`-- ${EXERCISE_HEAD}: ${fx.name}`);
    // What players must not read never leaves: the expected action and the controllers' notes.
    expect(mails.map((m) => `${m.text}${m.html}`).join()).not.toMatch(/Secret|Trusted agent/);

    await ctx.db.kysely
      .updateTable('exercises')
      .set({
        no_play_at: new Date(now).toISOString(),
        no_play_reason: 'real fire nearby',
        no_play_by: 'director',
      })
      .where('id', '=', fx.exerciseId)
      .execute();
    const medics = runs.find((r) => r.number === '2')!;
    await injectAction(ctx, who, controller, fx.exerciseId, medics.id, 'fire');
    await fanOut.drain();
    expect(await dispatcher.drain()).toBe(0);
    const held = await ctx.db.kysely
      .selectFrom('deliveries')
      .select(['status', 'mode', 'recipient_kind', 'address'])
      .where('source_id', '=', medics.id)
      .execute();
    expect(held).toEqual([
      {
        status: 'pending',
        mode: 'exercise',
        recipient_kind: 'participant',
        address: 'medic@ambulance.example.kz',
      },
    ]);
  });

  it('reaches every player, and no controller, when an inject names no team', async () => {
    const fx = await buildConductExercise(ctx, 'Pavlodar power plant');
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
    });
    const all = (await listInjects(ctx, controller, fx.exerciseId)).find((r) => r.number === '1')!;
    const members = [];
    const fanout = { source_id: all.id, sequence: 1 } as Parameters<typeof injectSource.audience>[1];
    for await (const batch of injectSource.audience(ctx, fanout)) members.push(...batch);
    expect(members.map((m) => [m.address, m.recipientKind, m.language]).sort()).toEqual([
      ['medic@ambulance.example.kz', 'participant', 'en'],
      ['patrol-a@police.example.kz', 'participant', 'ru'],
      ['patrol-b@police.example.kz', 'participant', 'kk'],
    ]);
  });

  it('sends a rehearsal’s injects to the sink, never to the players’ addresses', async () => {
    const fx = await buildConductExercise(ctx, 'Baikonur rehearsal');
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      rehearsal: true,
    });
    const inject = (await listInjects(ctx, controller, fx.exerciseId)).find((r) => r.number === '2')!;
    await injectAction(ctx, who, controller, fx.exerciseId, inject.id, 'fire');
    const before = smtp.mails.length;
    await new FanOutWorker(ctx).drain();
    await new OutboxDispatcher(ctx).drain();
    expect(smtp.mails.length).toBe(before);
    const sunk = await ctx.db.kysely.selectFrom('rehearsal_messages').select('address').execute();
    expect(sunk.map((s) => s.address)).toContain('medic@ambulance.example.kz');
  });
});

describe('an inject fires exactly once across instances and a restart (PostgreSQL)', () => {
  let schema: string;
  let dataDir: string;
  const open: Runtime[] = [];
  const instance = async (clock: { now(): Date }): Promise<AppContext> => {
    const config = loadConfig({
      DABYL_DATA_DIR: dataDir,
      DABYL_LOG_LEVEL: 'silent',
      DABYL_DATABASE_URL: testDatabaseUrl(),
    });
    const rt = await openRuntime(config, { schema });
    open.push(rt);
    return contextFor(rt.ctx.db, rt.ctx.config, clock);
  };

  beforeAll(async () => {
    schema = await createTestSchema();
    dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-conduct-'));
  });
  afterAll(async () => {
    for (const rt of open) await rt.close();
    await dropTestSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two instances racing on the same wake fire it once', async () => {
    let now = T0;
    const a = await instance({ now: () => new Date(now) });
    const b = await instance({ now: () => new Date(now) });
    const fx = await buildConductExercise(a, 'Race');
    await clockCommand(a, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: 'Race',
      plannedStart: PLANNED_START,
    });
    const runs = await listInjects(a, controller, fx.exerciseId);
    for (const run of runs.filter((r) => r.status === 'scheduled')) {
      now = T0 + run.dueSeconds * 1000;
      const key = injectWakeKey(fx.exerciseId, run.id);
      const booked = (await readWake(a.db.kysely, INJECT_TOPIC, key))!;
      const wake: Wake = { ...booked, payload: null, attempt: 1 };
      await Promise.all([
        onInjectWake(a, wake),
        onInjectWake(b, wake),
        onInjectWake(a, wake),
        onInjectWake(b, wake),
      ]);
    }
    const fired = await a.db.kysely
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'inject.fired')
      .execute();
    expect(fired.map((f) => f.subject_id).sort()).toEqual(
      runs
        .filter((r) => r.status === 'scheduled')
        .map((r) => r.id)
        .sort(),
    );
    const fanouts = await a.db.kysely.selectFrom('fanouts').select('source_id').execute();
    expect(fanouts).toHaveLength(fired.length);
  });

  it('schedulers of two instances, one of them restarted mid-exercise, fire every inject once', async () => {
    const a = await instance(systemClock);
    const b = await instance(systemClock);
    const fx = await buildConductExercise(a, 'Restart');
    const schedulers = [a, b].map((ctx) => {
      const s = new EmbeddedScheduler(ctx.db, { pollMs: 200 });
      defineWakes(s, ctx);
      return s;
    });
    await Promise.all(schedulers.map((s) => s.start()));
    await clockCommand(a, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: 'Restart',
      plannedStart: new Date(T0).toISOString(),
      reason: 'test run away from the planned date',
    });
    // Every inject is overdue after the jump: released one a second, in order.
    await setClockSettings(a, who, controller, fx.exerciseId, {
      pausePolicy: 'release',
      releaseIntervalSeconds: 1,
    });
    await clockCommand(a, who, controller, fx.exerciseId, {
      command: 'jump',
      to: 'H+01:00',
      reason: 'compressed run',
    });
    const firedCount = async () =>
      (await listInjects(a, controller, fx.exerciseId)).filter((r) => r.status === 'fired').length;
    await until(async () => (await firedCount()) >= 1, 'the first inject fired');
    // Instance A goes away mid-exercise; a new instance C comes up on the same database.
    await schedulers[0]!.stop();
    const c = await instance(systemClock);
    const restarted = new EmbeddedScheduler(c.db, { pollMs: 200 });
    defineWakes(restarted, c);
    await restarted.start();
    await until(async () => (await firedCount()) === 4, 'all four scheduled injects fired');
    await Promise.all([schedulers[1]!.stop(), restarted.stop()]);
    const fired = await a.db.kysely
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'inject.fired')
      .where('detail', 'like', `%${fx.exerciseId}%`)
      .execute();
    expect(new Set(fired.map((f) => f.subject_id)).size).toBe(4);
    expect(fired).toHaveLength(4);
    const jumpedAt = Date.parse(
      (
        await a.db.kysely
          .selectFrom('clock_events')
          .select('at')
          .where('exercise_id', '=', fx.exerciseId)
          .where('command', '=', 'jump')
          .executeTakeFirstOrThrow()
      ).at,
    );
    const firedAt = (await listInjects(a, controller, fx.exerciseId))
      .filter((r) => r.status === 'fired')
      .sort((x, y) => x.dueSeconds - y.dueSeconds)
      .map((r) => Date.parse(r.firedAt!));
    // In order, never in a burst: the n-th waited for its slot, n seconds after the jump.
    firedAt.forEach((at, n) => expect(at).toBeGreaterThanOrEqual(jumpedAt + n * 1000));
  });
});
