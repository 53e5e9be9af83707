import type { Kysely } from 'kysely';

/*
 * Branching (decision 0038): per MSEL event, the question it puts to players and what it waits for
 * before it may fire (a decision's option, or a milestone). Copied onto each inject run at STARTEX,
 * as its title and content are, so a later edit of the plan does not change a game in progress. The
 * decision taken and the milestones reached are recorded once each: their primary keys make a second
 * decision or a second "reached" a no-op, on every process.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('msel_branching')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('msel_events.id').onDelete('cascade'))
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('question', 'text')
    .addColumn('options', 'text')
    .addColumn('release_kind', 'text')
    .addColumn('release_event_id', 'text')
    .addColumn('release_option', 'text')
    .addColumn('release_milestone', 'text')
    .addColumn('delay_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('msel_branching_by_exercise')
    .on('msel_branching')
    .columns(['exercise_id'])
    .execute();
  await db.schema.alterTable('inject_runs').addColumn('decision', 'text').execute();
  await db.schema.alterTable('inject_runs').addColumn('release_on', 'text').execute();
  await db.schema
    .createTable('inject_decisions')
    .addColumn('run_id', 'text', (c) => c.primaryKey().references('inject_runs.id').onDelete('cascade'))
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('option', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('by_id', 'text')
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('milestones_reached')
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('milestone', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text')
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('reached_at', 'text', (c) => c.notNull())
    .addColumn('exercise_seconds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('milestones_reached_pk', ['exercise_id', 'milestone'])
    .execute();
}
