import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
  ClockEventRow,
  ClockEventTable,
  ExerciseClockRow,
  ExerciseClockTable,
  InjectRunRow,
  InjectRunTable,
  NewInjectRun,
} from './conduct-tables.js';
import { anyOf, onPostgres } from './pg-arrays.js';
import type { Database } from './schema.js';
import { nextTurn } from './turns.js';

type Q = Kysely<Database>;

const CHUNK = 200;

/**
 * Queries of running exercises. Every command and every inject action of an exercise starts by
 * bumping its clock row's version: on PostgreSQL that row lock orders them (two controllers, two
 * processes waking for the same inject), on SQLite the one writer does.
 */
export const conductRepository = {
  /** Takes the exercise's clock for this transaction (creating its row on first use). */
  lockClock: async (db: Q, exerciseId: string, now: string): Promise<ExerciseClockRow> => {
    await db
      .insertInto('exercise_clocks')
      .values({ exercise_id: exerciseId, updated_at: now })
      .onConflict((oc) => oc.column('exercise_id').doNothing())
      .execute();
    return db
      .updateTable('exercise_clocks')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
      .where('exercise_id', '=', exerciseId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  clock: (db: Q, exerciseId: string): Promise<ExerciseClockRow | undefined> =>
    db.selectFrom('exercise_clocks').selectAll().where('exercise_id', '=', exerciseId).executeTakeFirst(),

  updateClock: async (
    db: Q,
    exerciseId: string,
    patch: Updateable<
      Pick<
        ExerciseClockTable,
        'pause_policy' | 'release_interval_seconds' | 'scenario_start' | 'traffic_mode'
      >
    >,
  ): Promise<void> => {
    await db.updateTable('exercise_clocks').set(patch).where('exercise_id', '=', exerciseId).execute();
  },

  events: (db: Q, exerciseId: string): Promise<ClockEventRow[]> =>
    db.selectFrom('clock_events').selectAll().where('exercise_id', '=', exerciseId).orderBy('seq').execute(),

  /** The history is append-only: a second command with the same number is refused by the key. */
  appendEvent: async (db: Q, row: Insertable<ClockEventTable>): Promise<void> => {
    await db.insertInto('clock_events').values(row).execute();
  },

  runs: (db: Q, exerciseId: string): Promise<InjectRunRow[]> =>
    db
      .selectFrom('inject_runs')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('due_seconds')
      .orderBy('position')
      .execute(),

  /**
   * What re-planning reads of the scheduled runs: a clock start re-plans thousands, and reading
   * every column of each held SQLite's one connection (and the event loop) for 90 ms.
   */
  scheduledRuns: (
    db: Q,
    exerciseId: string,
  ): Promise<Pick<InjectRunRow, 'id' | 'due_seconds' | 'position' | 'release_at'>[]> =>
    db
      .selectFrom('inject_runs')
      .select(['id', 'due_seconds', 'position', 'release_at'])
      .where('exercise_id', '=', exerciseId)
      .where('status', '=', 'scheduled')
      .orderBy('due_seconds')
      .orderBy('position')
      .execute(),

  /**
   * Scheduled runs of the exercise that may be due: released by `releasedBy` (an ISO instant), or
   * not released and at most `dueSeconds` into exercise time; earliest first, at most `limit`. The
   * caller decides each one by the clock itself; this only narrows the rows it reads.
   */
  dueRuns: (
    db: Q,
    exerciseId: string,
    bounds: { releasedBy: string; dueSeconds: number; limit: number },
  ): Promise<InjectRunRow[]> =>
    db
      .selectFrom('inject_runs')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .where('status', '=', 'scheduled')
      .where((eb) =>
        eb.or([
          eb('release_at', '<=', bounds.releasedBy),
          eb.and([eb('release_at', 'is', null), eb('due_seconds', '<=', bounds.dueSeconds)]),
        ]),
      )
      .orderBy('due_seconds')
      .orderBy('position')
      .limit(bounds.limit)
      .execute(),

  run: (db: Q, id: string): Promise<InjectRunRow | undefined> =>
    db.selectFrom('inject_runs').selectAll().where('id', '=', id).executeTakeFirst(),

  insertRuns: async (db: Q, rows: NewInjectRun[]): Promise<void> => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      // A clock start writes thousands: SQLite's statements never let the event loop turn.
      if (i > 0) await nextTurn();
      await db
        .insertInto('inject_runs')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['exercise_id', 'event_id']).doNothing())
        .execute();
    }
  },

  /**
   * changeRun for many runs in one statement: each changes only while it is in one of `from`;
   * the ids of those that did.
   */
  changeRuns: async (
    db: Q,
    ids: readonly string[],
    from: readonly string[],
    patch: Updateable<Omit<InjectRunTable, 'id' | 'exercise_id' | 'version'>>,
  ): Promise<Set<string>> => {
    const changed = new Set<string>();
    // A burst of 1,000 in one statement on PostgreSQL (one array parameter); 250 ids a statement on SQLite.
    const step = onPostgres(db) ? ids.length : 250;
    for (let i = 0; i < ids.length; i += step) {
      const some = ids.slice(i, i + step);
      const rows = await db
        .updateTable('inject_runs')
        .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
        .where(onPostgres(db) ? anyOf('id', some) : (eb) => eb('id', 'in', some))
        .where('status', 'in', from)
        .returning('id')
        .execute();
      for (const r of rows) changed.add(r.id);
    }
    return changed;
  },

  /**
   * Changes a run only while it is in one of `from`: the conditional write that lets an inject fire
   * once, and refuses edits, holds and skips of one already fired. False when it was not.
   */
  changeRun: async (
    db: Q,
    id: string,
    from: readonly string[],
    patch: Updateable<Omit<InjectRunTable, 'id' | 'exercise_id' | 'version'>>,
  ): Promise<boolean> => {
    const result = await db
      .updateTable('inject_runs')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
