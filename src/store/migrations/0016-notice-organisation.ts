import { sql, type Kysely } from 'kysely';

/*
 * A notice belongs to the organisation that publishes it, so a PIO or authoriser whose grant is
 * scoped to one organisation acts on that organisation's notices only (docs/decisions/0016).
 * Existing notices take their exercise's lead organisation; one of no exercise belongs to none,
 * which only an unscoped grant acts on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('notices')
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .execute();
  await sql`UPDATE notices SET organisation_id =
    (SELECT lead_organisation_id FROM exercises WHERE exercises.id = notices.exercise_id)
    WHERE exercise_id IS NOT NULL`.execute(db);
  await db.schema.createIndex('notices_organisation').on('notices').column('organisation_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
