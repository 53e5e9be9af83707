import { sql, type Kysely } from 'kysely';

/*
 * When an SMS part was written to the SMSC's connection, apart from when its ledger row was made.
 * Rows are made for every part of a message before its first submit, and a part may then wait its
 * turn at the bind's rate for seconds; a process killed in that wait left rows that looked handed
 * over, and their messages were dead-lettered as "may have reached the SMSC" though they never
 * had. Now a row without `handed_at` is a part that never left, and a later try submits it. Rows
 * from before this column were all handed over as far as anyone can tell: they keep that reading.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sms_parts').addColumn('handed_at', 'text').execute();
  await sql`update sms_parts set handed_at = submitted_at`.execute(db);
}
