import type { Kysely } from 'kysely';

/*
 * The scheduling port's wakes (src/jobs/schedule/): one row per (topic, key), booked inside the
 * caller's transaction. Rows stay after they ran or were cancelled so that the key's generation keeps
 * counting up: an old timer or queue job carrying an older generation then matches nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wakes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('pushed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('wakes_topic_key', ['topic', 'key'])
    .execute();
  // "What is due next?" and "what is due now?": pending rows by time; also finds expired leases.
  await db.schema.createIndex('wakes_due').on('wakes').columns(['status', 'at']).execute();
  // The BullMQ relay's question: which pending wakes are not in Redis yet?
  await db.schema.createIndex('wakes_unpushed').on('wakes').columns(['pushed', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
