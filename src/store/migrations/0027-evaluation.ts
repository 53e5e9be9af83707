import type { Kysely } from 'kysely';

/*
 * Exercise evaluation guides and P/S/M/U ratings (docs/decisions/0028-evaluation-ratings.md).
 * `evaluator_assignments` places an evaluator at a venue and/or with a team of an exercise;
 * `ratings` is the history of every rating of a capability target or a core capability, one row per
 * change (the current one is the highest version; the unique key refuses two writers of the same
 * version, which is the optimistic concurrency); `rating_evidence` is what each row rests on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evaluator_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('venue_id', 'text', (c) => c.references('venues.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('assigned_by_id', 'text')
    .addColumn('assigned_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evaluator_assignments_exercise')
    .on('evaluator_assignments')
    .columns(['exercise_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('reasoning', 'text', (c) => c.notNull())
    .addColumn('rater_id', 'text', (c) => c.notNull())
    .addColumn('rater_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ratings_version', ['exercise_id', 'subject_kind', 'subject_id', 'version'])
    .execute();

  await db.schema
    .createTable('rating_evidence')
    .addColumn('rating_id', 'text', (c) => c.notNull().references('ratings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_evidence_pk', ['rating_id', 'position'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
