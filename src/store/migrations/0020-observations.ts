import type { Kysely } from 'kysely';

/*
 * Evaluators' observations (docs/decisions/0020-observations.md). The id is the one the evaluator's
 * device gave it, so a replayed sending finds its row; `fingerprint` is what was sent, so the same id
 * with another body is told apart from a replay. The three clocks are stored as read at the instant
 * observed (the clock's history is final for a past instant, but reading it once keeps lists cheap).
 * Links to objectives and critical tasks are JSON arrays of ids, as in the MSEL. A photo is kept in
 * a table of its own, as base64 text (the same on both engines and in backups), read only when shown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('exercise_seconds', 'integer', (c) => c.notNull())
    .addColumn('exercise_time', 'text', (c) => c.notNull())
    .addColumn('scenario_time', 'text')
    .addColumn('venue_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('objective_ids', 'text', (c) => c.notNull())
    .addColumn('critical_task_ids', 'text', (c) => c.notNull())
    .addColumn('photo_type', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('observations_by_exercise')
    .on('observations')
    .columns(['exercise_id', 'observed_at'])
    .execute();

  await db.schema
    .createTable('observation_photos')
    .addColumn('observation_id', 'text', (c) =>
      c.primaryKey().references('observations.id').onDelete('cascade'),
    )
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('observation_photos').execute();
  await db.schema.dropTable('observations').execute();
}
