import type { Kysely } from 'kysely';

/*
 * Where a participant is posted: an evaluator or a controller works at one venue of the exercise
 * (the prison, the school, the airport), and the observation form offers that venue first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('exercise_people')
    .addColumn('venue_id', 'text', (c) => c.references('venues.id').onDelete('set null'))
    .execute();
}
