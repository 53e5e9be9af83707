import type { Kysely } from 'kysely';

/*
 * The concatenation reference of a multi-part SMS, and the number it went to, kept with its parts.
 * The reference was a byte of a hash of the delivery's id: two messages to one number shared it
 * once in 256, and a handset that held the first part of one (its later parts resent after a
 * restart, seconds later) put the other's parts with it, so neither read whole. Now a message's
 * reference is the one its number has gone longest without, chosen when its rows are written and
 * read back by every later try. Rows from before keep null: their parts went out under the hash,
 * and a later try uses it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sms_parts').addColumn('destination', 'text').execute();
  await db.schema.alterTable('sms_parts').addColumn('reference', 'integer').execute();
  await db.schema
    .createIndex('sms_parts_destination')
    .on('sms_parts')
    .columns(['destination', 'reference'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
