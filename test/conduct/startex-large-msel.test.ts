/**
 * STARTEX of an MSEL of thousands of injects, on SQLite and PostgreSQL: every inject gets its run
 * and its wake at its time, and the command lets the event loop turn while it reads the MSEL and
 * writes runs and wakes, so other requests of the process are not held until it ends (on SQLite
 * a statement never lets the loop turn, and one start of 10,000 injects held it for over a second).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { contextFor } from '../../src/runtime.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { INJECT_TOPIC } from '../../src/services/conduct/conduct.js';
import type { AppContext } from '../../src/services/context.js';
import { buildConductExercise, injectRow, PLANNED_START } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const controller: Actor = {
  userId: 'u-controller',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-controller', name: 'Controller Aigerim' };
const T0 = Date.parse(PLANNED_START);
/** More than two pages of the MSEL read at STARTEX, four injects to a position across page edges. */
const EXTRA = 2_400;

describe.each(ENGINES)('STARTEX of a large MSEL on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(rt.ctx.db, rt.ctx.config, { now: () => new Date(T0) });
  });
  afterAll(() => drop());

  it('books every inject at its time and lets the event loop turn while it works', async () => {
    const fx = await buildConductExercise(ctx, 'Ekibastuz large MSEL');
    const at = new Date(T0).toISOString();
    const extra = Array.from({ length: EXTRA }, (_, i) =>
      injectRow(fx.exerciseId, `L${i + 1}`, {
        position: 10 + Math.floor(i / 4),
        offset_minutes: 1 + (i % 90),
        content: `Smoke reported at the power plant's gate (L${i + 1}).`,
        created_at: at,
      }),
    );
    // 27 columns a row: 300 rows stay under both engines' bound-parameter limits.
    for (let i = 0; i < extra.length; i += 300)
      await ctx.db.kysely
        .insertInto('msel_events')
        .values(extra.slice(i, i + 300))
        .execute();

    let turns = 0;
    let running = true;
    const spin = (): void => {
      if (!running) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
    });
    running = false;
    // Pages of the MSEL, slices of runs and of wakes: the loop turned between them, not once at the end.
    expect(turns).toBeGreaterThan(20);

    const runs = await ctx.db.kysely
      .selectFrom('inject_runs')
      .select(['id', 'number', 'event_id', 'status', 'due_seconds'])
      .where('exercise_id', '=', fx.exerciseId)
      .execute();
    // Every inject of the MSEL once: the fixture's five and the extra ones.
    expect(runs).toHaveLength(EXTRA + 5);
    expect(new Set(runs.map((r) => r.event_id)).size).toBe(EXTRA + 5);
    const wakes = await ctx.db.kysely
      .selectFrom('wakes')
      .select(['key', 'at', 'status'])
      .where('topic', '=', INJECT_TOPIC)
      .where('key', 'like', `${fx.exerciseId}/%`)
      .execute();
    const wakeOf = new Map(wakes.map((w) => [w.key.split('/')[1]!, w]));
    // The contingency inject is held for the controller; every other one waits for its time.
    const scheduled = runs.filter((r) => r.status === 'scheduled');
    expect(scheduled).toHaveLength(EXTRA + 4);
    expect(wakes).toHaveLength(scheduled.length);
    for (const r of scheduled) {
      const wake = wakeOf.get(r.id);
      expect(wake?.status).toBe('pending');
      expect(Date.parse(wake!.at)).toBe(T0 + Number(r.due_seconds) * 1000);
    }
  });
});
