import type { Kysely } from 'kysely';

/*
 * Communication checks before STARTEX (docs/decisions/0036-communication-check.md). Each check is a
 * round: one test message to every player's inbox and every player contact of the exercise's phone
 * book, sent through the outbox as test traffic (source kind `comm_check`, source id the round's id).
 * Who received it is read from the round's deliveries and, for the in-app inbox, from the player's
 * own confirmation there; this table only says that a round was started, by whom and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comm_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text')
    .addColumn('started_by_name', 'text')
    .addUniqueConstraint('comm_checks_round', ['exercise_id', 'round'])
    .execute();
}
