import type { Kysely } from 'kysely';

/*
 * Running an exercise live (docs/decisions/0014-exercise-clock.md). The clock is its history: one
 * row per command (STARTEX, pause, resume, ENDEX, speed, jump, move) with who gave it and why; the
 * three clocks are computed from it, never stored. `exercise_clocks` holds what is set per exercise
 * (pause policy, the scenario's own start) and the version every command bumps, so two controllers'
 * commands are applied one after the other. Each inject of the MSEL becomes an inject run at STARTEX:
 * its conduct state (scheduled, held, fired, skipped), its text as edited before firing, and when a
 * backlog release wakes it. "Fired" is written by a conditional update (only from scheduled or held),
 * which is what makes an inject fire once however many processes wake for it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exercise_clocks')
    .addColumn('exercise_id', 'text', (c) => c.primaryKey().references('exercises.id').onDelete('cascade'))
    .addColumn('pause_policy', 'text', (c) => c.notNull().defaultTo('release'))
    .addColumn('release_interval_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('scenario_start', 'text')
    .addColumn('traffic_mode', 'text', (c) => c.notNull().defaultTo('exercise'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('clock_events')
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('speed', 'integer')
    .addColumn('to_seconds', 'integer')
    .addColumn('scenario_seconds', 'integer')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('clock_events_pk', ['exercise_id', 'seq'])
    .execute();

  await db.schema
    .createTable('inject_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('event_id', 'text')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('to_team_ids', 'text', (c) => c.notNull())
    .addColumn('due_seconds', 'integer', (c) => c.notNull())
    .addColumn('contingency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('release_at', 'text')
    .addColumn('fired_at', 'text')
    .addColumn('fired_how', 'text')
    .addColumn('changed_by_id', 'text')
    .addColumn('changed_by_name', 'text')
    .addColumn('edited_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inject_runs_once', ['exercise_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('inject_runs_exercise')
    .on('inject_runs')
    .columns(['exercise_id', 'status'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
