import type { Kysely } from 'kysely';
import { detectEngine } from './0001-people-and-audit.js';

/*
 * The players' side of a running exercise (docs/decisions/0023-player-inbox.md).
 *
 * `inbox_messages` is the in-app channel's far end: one row per message the dispatcher handed to a
 * player's account, keyed by the delivery (what the channel de-duplicates on) and unique per player
 * and source, so a second delivery of the same inject to the same person (an in-app contact in the
 * phone book as well as the account) shows once. The player's acknowledgement is stamped on it.
 * `player_reports` holds what players report against an inject: text, an optional photo (bytes in
 * the database, so every API process of a scaled installation serves it) and an optional point.
 * `events.user_id` names the one reader an event is for (a player's own inbox); null: as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inbox_messages')
    .addColumn('delivery_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('exercise_id', 'text', (c) => c.references('exercises.id').onDelete('cascade'))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addUniqueConstraint('inbox_messages_once', ['user_id', 'source_kind', 'source_id'])
    .execute();
  await db.schema
    .createIndex('inbox_messages_source')
    .on('inbox_messages')
    .columns(['source_kind', 'source_id'])
    .execute();

  const bytes = detectEngine(db) === 'sqlite' ? 'blob' : 'bytea';
  await db.schema
    .createTable('player_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('inject_run_id', 'text', (c) => c.notNull().references('inject_runs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('person_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('photo_type', 'text')
    .addColumn('photo', bytes)
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('player_reports_inject')
    .on('player_reports')
    .columns(['inject_run_id', 'created_at'])
    .execute();

  await db.schema.alterTable('events').addColumn('user_id', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
