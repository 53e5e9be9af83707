import type { Kysely } from 'kysely';

/*
 * iCalendar SEQUENCE per published UID. Calendar applications only replace an event they hold when
 * its SEQUENCE grows, and the plan's tables do not all carry a version (zones do not), so the feed
 * remembers a fingerprint of what it last published for each UID and bumps the number when the
 * fingerprint changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_sequences')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
