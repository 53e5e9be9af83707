/**
 * A burst of injects due at one instant, on SQLite and PostgreSQL: one wake fires every inject of
 * the exercise that is due, in one transaction, each once, audited and fanned out, and cancels the
 * others' wakes; a held inject and one waiting on a branch stay put. Two schedulers racing over the
 * burst's wakes (two processes on PostgreSQL) fire each inject once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { EmbeddedScheduler } from '../../src/jobs/schedule/embedded.scheduler.js';
import { readWake, type Wake } from '../../src/jobs/schedule/scheduler.js';
import { contextFor } from '../../src/runtime.js';
import { verifyAudit } from '../../src/services/audit.service.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { INJECT_TOPIC, injectWakeKey } from '../../src/services/conduct/conduct.js';
import { injectAction, listInjects, onInjectWake } from '../../src/services/conduct/injects.service.js';
import type { AppContext } from '../../src/services/context.js';
import { openDb, type Db } from '../../src/store/db.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const controller: Actor = {
  userId: 'u-controller',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-controller', name: 'Controller Aigerim' };
const min = 60_000;
const T0 = Date.parse(PLANNED_START);
/** X1…X8 of the fixture, all moved to H+00:05. */
const BURST = ['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8'];

describe.each(ENGINES)('a burst of injects due at one instant on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let now = T0;
  const handles: Db[] = [];

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(rt.ctx.db, rt.ctx.config, { now: () => new Date(now) });
  });
  afterAll(async () => {
    await Promise.all(handles.map((db) => db.close()));
    await drop();
  });

  /** An exercise whose injects X1…X8 all fall at H+00:05, X8 waiting for a milestone; started at T0. */
  async function startBurst(name: string): Promise<ConductFixture> {
    const fx = await buildConductExercise(ctx, name, BURST.length);
    const db = ctx.db.kysely;
    const ids = BURST.map((n) => fx.events[n]!.id);
    await db.updateTable('msel_events').set({ offset_minutes: 5 }).where('id', 'in', ids).execute();
    await db
      .insertInto('msel_branching')
      .values({
        event_id: fx.events.X8!.id,
        exercise_id: fx.exerciseId,
        question: null,
        options: null,
        release_kind: 'milestone',
        release_event_id: null,
        release_option: null,
        release_milestone: 'Cordon set',
        delay_minutes: 0,
        updated_at: new Date(T0).toISOString(),
      })
      .execute();
    now = T0;
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: name,
      plannedStart: PLANNED_START,
    });
    return fx;
  }
  const runsOf = async (fx: ConductFixture) =>
    Object.fromEntries((await listInjects(ctx, controller, fx.exerciseId)).map((r) => [r.number, r]));
  const firedAudit = (fx: ConductFixture) =>
    ctx.db.kysely
      .selectFrom('audit_log')
      .select(['subject_id', 'detail'])
      .where('action', '=', 'inject.fired')
      .where('detail', 'like', `%${fx.exerciseId}%`)
      .orderBy('seq')
      .execute();
  const fanoutsOf = async (ids: string[]) =>
    ids.length
      ? ctx.db.kysely
          .selectFrom('fanouts')
          .select('source_id')
          .where('source_kind', '=', 'inject')
          .where('source_id', 'in', ids)
          .execute()
      : [];
  const wakeOf = (fx: ConductFixture, runId: string) =>
    readWake(ctx.db.kysely, INJECT_TOPIC, injectWakeKey(fx.exerciseId, runId));
  const wake = async (fx: ConductFixture, runId: string) => {
    const booked = (await wakeOf(fx, runId))!;
    const w: Wake = { ...booked, payload: null, attempt: 1 };
    await onInjectWake(ctx, w);
  };

  it('fires every due inject from one wake, each once, audited and fanned out, and cancels their wakes', async () => {
    const fx = await startBurst('Burst drill');
    let runs = await runsOf(fx);
    await injectAction(ctx, who, controller, fx.exerciseId, runs.X3!.id, 'hold', 'road not yet closed');
    expect(runs.X8).toMatchObject({ status: 'held' });
    expect(runs.X8!.releaseOn).not.toBeNull();

    now = T0 + 5 * min;
    await wake(fx, runs.X5!.id);
    runs = await runsOf(fx);
    const expected = ['X1', 'X2', 'X4', 'X5', 'X6', 'X7'];
    expect(BURST.map((n) => [n, runs[n]!.status])).toEqual(
      BURST.map((n) => [n, expected.includes(n) ? 'fired' : 'held']),
    );
    for (const n of expected)
      expect(runs[n]).toMatchObject({ firedHow: 'clock', firedAt: new Date(now).toISOString() });
    // Not yet due: the fixture's inject 1 at H+00:10.
    expect(runs['1']).toMatchObject({ status: 'scheduled' });

    const ids = expected.map((n) => runs[n]!.id);
    // One audit entry each, in MSEL order; one fan-out each.
    expect((await firedAudit(fx)).map((a) => a.subject_id)).toEqual(ids);
    expect((await fanoutsOf(ids)).map((f) => f.source_id).sort()).toEqual([...ids].sort());
    // The others' wakes are cancelled; the held ones keep theirs (none) and fire nothing.
    for (const n of ['X1', 'X2', 'X4', 'X6', 'X7'])
      expect((await wakeOf(fx, runs[n]!.id))!.status).toBe('cancelled');
    expect((await wakeOf(fx, runs.X3!.id))!.status).toBe('cancelled');
    expect(await wakeOf(fx, runs.X8!.id)).toBeUndefined();

    // A wake that comes anyway (claimed before the cancel, or left pending by a crash between the
    // firing's commit and the cancel) does nothing, and without queueing on the exercise's clock
    // lock, whose every taking moves the clock row's version.
    const version = async () =>
      Number(
        (
          await ctx.db.kysely
            .selectFrom('exercise_clocks')
            .select('version')
            .where('exercise_id', '=', fx.exerciseId)
            .executeTakeFirstOrThrow()
        ).version,
      );
    const before = await version();
    await wake(fx, runs.X1!.id);
    await wake(fx, runs.X5!.id);
    expect(await version()).toBe(before);
    expect(await firedAudit(fx)).toHaveLength(expected.length);
    expect(await fanoutsOf(ids)).toHaveLength(expected.length);
    // Appended together, the entries still chain one to the next.
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true });
  });

  it('fires each inject once when two schedulers race over the burst’s wakes', async () => {
    const fx = await startBurst('Racing drill');
    now = T0 + 5 * min;
    // The schedulers go by the real clock, to which every wake of this test is long due: only the
    // burst's are to run (the others would find themselves early by the test's clock, and re-book).
    const burst = Object.values(await runsOf(fx))
      .filter((r) => BURST.includes(r.number))
      .map((r) => injectWakeKey(fx.exerciseId, r.id));
    await ctx.db.kysely
      .updateTable('wakes')
      .set({ status: 'cancelled' })
      .where('status', '=', 'pending')
      .where('key', 'not in', burst)
      .execute();
    const second = () => {
      if (engine === 'sqlite') return ctx;
      const { config } = ctx;
      const db = openDb({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        poolSize: config.databasePoolSize,
        ...(ctx.db.schema ? { schema: ctx.db.schema } : {}),
      });
      handles.push(db);
      return contextFor(db, config, { now: () => new Date(now) });
    };
    const schedulers = [ctx, second()].map((c) => {
      const s = new EmbeddedScheduler(c.db, { pollMs: 50 });
      s.handle(INJECT_TOPIC, (w) => onInjectWake(c, w));
      return s;
    });
    await Promise.all(schedulers.map((s) => s.start()));
    const expected = ['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7'];
    const deadline = Date.now() + 15_000;
    let runs = await runsOf(fx);
    while (expected.some((n) => runs[n]!.status !== 'fired') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      runs = await runsOf(fx);
    }
    // Let any wake still running finish before counting.
    await Promise.all(schedulers.map((s) => s.stop()));
    runs = await runsOf(fx);
    expect(BURST.map((n) => [n, runs[n]!.status])).toEqual(
      BURST.map((n) => [n, expected.includes(n) ? 'fired' : 'held']),
    );
    const ids = expected.map((n) => runs[n]!.id);
    expect((await firedAudit(fx)).map((a) => a.subject_id)).toEqual(ids);
    expect((await fanoutsOf(ids)).map((f) => f.source_id).sort()).toEqual([...ids].sort());
  });
});
