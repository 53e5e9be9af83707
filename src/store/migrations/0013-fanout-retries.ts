import type { Kysely } from 'kysely';

/*
 * A fan-out whose expansion throws goes back to waiting with a back-off instead of failing for
 * good (docs/outbox.md). `next_attempt_at` is when it may be claimed again (null: at once);
 * `retrying_since` is when its current run of failures began, from which the retry horizon is
 * counted; both are cleared when it is written out. Fan-outs that failed before this version keep
 * their state: a person retries them from the Deliveries screen, so an old publication is not
 * sent late without someone deciding it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per statement.
  await db.schema.alterTable('fanouts').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('fanouts').addColumn('retrying_since', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
