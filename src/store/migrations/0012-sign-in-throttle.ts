import type { Kysely } from 'kysely';

/*
 * Sign-in throttling per (account, source address) replaces the per-account lockout, which let
 * anyone lock an authoriser out by typing wrong passwords (docs/decisions/0011-sign-in-throttle.md).
 * One row per account and source that has failed lately; the failures of all of an account's rows
 * together are its account-wide count. Rows are pruned once their failures are a day old.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('wait_until', 'text')
    .addPrimaryKeyConstraint('sign_in_throttle_pk', ['user_id', 'source'])
    .execute();
  await db.schema
    .createIndex('sign_in_throttle_last_failure')
    .on('sign_in_throttle')
    .column('last_failure_at')
    .execute();
  // The lockout's state; SQLite drops one column per statement.
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
