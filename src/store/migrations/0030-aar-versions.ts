import type { Kysely } from 'kysely';

/*
 * The after-action report and improvement plan (docs/decisions/0030-aar-report.md).
 *
 * `exercises.language` is the language the exercise's report is written in (kk, ru or en); Russian,
 * the language every participating agency reads, until a planner says otherwise.
 * `aar_versions` holds each version of an exercise's report: its content as JSON (core/aar/content),
 * the sections edited by hand, and whether it is a draft or final. A final version is never written
 * again: an edit after it makes a new version. `shared_at` is set when the director shares a final
 * version with the players.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('exercises')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('ru'))
    .execute();
  await db.schema
    .createTable('aar_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('edited_sections', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finalised_by', 'text')
    .addColumn('finalised_at', 'text')
    .addColumn('shared_by', 'text')
    .addColumn('shared_at', 'text')
    .addUniqueConstraint('aar_versions_number', ['exercise_id', 'version'])
    .execute();
}
