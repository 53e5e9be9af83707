import type { Kysely } from 'kysely';

/*
 * Every publication asks whether the active subscribers changed since the place index was built
 * (their count and latest updated_at). This index answers that from the index alone instead of
 * reading every subscriber row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('subscribers_status_updated')
    .on('subscribers')
    .columns(['status', 'updated_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
