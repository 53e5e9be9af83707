import { sql, type Kysely } from 'kysely';

/*
 * Fewer indexes on the outbox's insert path: each delivery row went into the heap and six B-trees,
 * and a million-recipient fan-out spends most of its time there. `deliveries_source` (source kind,
 * id, sequence) is the leading part of the one-per-source unique key, which serves every read it
 * served. `deliveries_exercise_source` has nothing to find in a public notice's or an Actual
 * alert's rows (no exercise): it now holds exercise traffic only; its readers all ask for one
 * exercise (`exercise_id = …`), which both engines know implies `is not null`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('deliveries_source').execute();
  await db.schema.dropIndex('deliveries_exercise_source').execute();
  await db.schema
    .createIndex('deliveries_exercise_source')
    .on('deliveries')
    .columns(['exercise_id', 'source_kind', 'source_id', 'acknowledged_at'])
    .where(sql.ref('exercise_id'), 'is not', null)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
