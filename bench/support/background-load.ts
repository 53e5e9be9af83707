/**
 * Background traffic through the outbox while injects are timed: a second exercise whose players
 * (e-mail only) are reached by one inject's fan-out again and again, a new source sequence every
 * tick, so the fan-out worker and the dispatcher stay busy at about `perSecond` deliveries a second.
 */
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import type { AppContext } from '../../src/services/context.js';
import { requestFanOut } from '../../src/services/outbox/fanout.js';
import { buildConductExercise, PLANNED_START } from '../../test/support/conduct.js';
import { addPlayers, CONTROLLER, CONTROLLER_INFO } from './conduct-bench.js';

const TICK_MS = 200;
/** Players of the load exercise: one fan-out of the load inject reaches this many. */
const AUDIENCE = 200;

export interface BackgroundLoad {
  /** Deliveries asked for so far. */
  requested(): number;
  stop(): void;
}

/**
 * Builds the load exercise (its one inject far in the future, so only our ticks send it) and starts
 * the ticks; every tick asks for `perSecond × TICK_MS / 1000` deliveries in one fan-out record.
 * With `rehearsal`, the exercise runs as a rehearsal and its deliveries go to the rehearsal sink
 * (a row each in the database) in whichever process dispatches them: the load of scaled mode, whose
 * worker processes have no counting channel to hand them to.
 */
export async function startBackgroundLoad(
  ctx: AppContext,
  perSecond: number,
  options: { rehearsal?: boolean } = {},
): Promise<BackgroundLoad> {
  // No load asked: no exercise and no ticks (a tick would send at least one fan-out).
  if (perSecond <= 0) return { requested: () => 0, stop: () => undefined };
  const fx = await buildConductExercise(ctx, 'Background load', 0);
  const db = ctx.db.kysely;
  // The fixture's players stay; only ours are counted in the audience size.
  await db
    .deleteFrom('msel_events')
    .where('exercise_id', '=', fx.exerciseId)
    .where('number', '!=', '1')
    .execute();
  await db
    .updateTable('msel_events')
    .set({ offset_minutes: 100_000 })
    .where('id', '=', fx.events['1']!.id)
    .execute();
  await addPlayers(ctx, fx.exerciseId, AUDIENCE - 3, ['email'], 'load');
  await clockCommand(ctx, CONTROLLER_INFO, CONTROLLER, fx.exerciseId, {
    command: 'startex',
    confirmName: fx.name,
    plannedStart: PLANNED_START,
    reason: 'background load of the inject timing benchmark',
    rehearsal: options.rehearsal,
  });
  const run = await db
    .selectFrom('inject_runs')
    .select('id')
    .where('exercise_id', '=', fx.exerciseId)
    .executeTakeFirstOrThrow();
  const perTick = Math.max(1, Math.round((perSecond * TICK_MS) / 1000 / AUDIENCE));
  let sequence = 0;
  let stopped = false;
  const tick = async () => {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < perTick; i++)
        await requestFanOut(ctx, trx, {
          sourceKind: 'inject',
          sourceId: run.id,
          sequence: ++sequence,
          mode: options.rehearsal ? 'rehearsal' : 'exercise',
          exerciseId: fx.exerciseId,
        });
    });
  };
  const timer = setInterval(() => {
    if (!stopped) void tick().catch((err: unknown) => console.error('background load:', err));
  }, TICK_MS);
  return {
    requested: () => sequence * AUDIENCE,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
