import { sql, type Kysely } from 'kysely';

/*
 * Capability targets get a position, so planners can put an objective's targets in the order they
 * will be evaluated. Existing targets keep the order they were written in (their rowid on SQLite is
 * not portable, so they start equal and the id breaks the tie until someone reorders them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('capability_targets')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(sql`0`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
