import type { Kysely } from 'kysely';

/*
 * The durable event log behind the live event stream (docs/decisions/0009-event-stream.md). `seq`
 * is assigned by the writer under a transaction-scoped lock, so numbers commit in order and a
 * reader resuming after N never later finds an N-1. Who may see an event is stored with it: the
 * permission needed and, where there is one, the organisation and exercise it belongs to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('permission', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text')
    .addColumn('exercise_id', 'text')
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  // The retention job's question: which events are older than the cut-off.
  await db.schema.createIndex('events_at').on('events').column('at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
