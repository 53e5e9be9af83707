import type { Kysely } from 'kysely';

/*
 * Links to one fired inject for a player who has no account (reached by e-mail or SMS only). The
 * token itself is never stored: only its SHA-256, so a copy of the database opens no inject. One
 * row per delivery; the player's acknowledgement is kept here, as an account's is in its inbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inject_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('inject_runs.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('exercise_people.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .execute();
  await db.schema
    .createIndex('inject_links_by_run')
    .on('inject_links')
    .columns(['run_id', 'person_id'])
    .execute();
}
