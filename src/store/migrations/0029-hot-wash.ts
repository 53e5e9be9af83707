import type { Kysely } from 'kysely';

/*
 * The hot-wash survey of an exercise (docs/decisions/0032-hot-wash-survey.md).
 *
 * `surveys` holds one exercise's questions (JSON), as planners edited them; a row appears on the
 * first edit or at ENDEX, when it is stamped `sent_at` and goes out through the outbox. After that
 * the questions are frozen: the answers are read against them.
 * `survey_responses` holds one row per person: `respondent` is a keyed one-way token of the
 * exercise and the account, unique per exercise, so nobody answers twice; `user_id` is kept only
 * when the person did not choose to answer anonymously.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('surveys')
    .addColumn('exercise_id', 'text', (c) => c.primaryKey().references('exercises.id').onDelete('cascade'))
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('respondent', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_responses_once', ['exercise_id', 'respondent'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
