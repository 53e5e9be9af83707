import type { Kysely } from 'kysely';

/*
 * SMS over SMPP (docs/decisions/0015-sms-over-smpp.md). One text may travel as several parts, each
 * with its own SMSC message_id and its own delivery receipt, so a delivery's single provider_id
 * cannot carry them: `sms_parts` keeps every part a delivery handed to the SMSC. A part's row is
 * written before its submit and completed with the message_id from the answer, so a resend after a
 * timeout, a dropped bind or a restart never submits a part the SMSC may already have; receipts
 * find their delivery through the message_id.
 *
 * A receipt says more than "accepted by the provider" (acknowledged_at): the handset got it, or it
 * never will. `deliveries.delivered_at` and `deliveries.receipt` keep that for every channel that
 * has receipts. Existing rows are untouched: nothing sent before had a receipt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sms_parts')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('receipt', 'text')
    .addColumn('receipt_at', 'text')
    .addPrimaryKeyConstraint('sms_parts_pk', ['delivery_id', 'part'])
    .execute();
  await db.schema.createIndex('sms_parts_message').on('sms_parts').column('message_id').execute();
  await db.schema.alterTable('deliveries').addColumn('delivered_at', 'text').execute();
  await db.schema.alterTable('deliveries').addColumn('receipt', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
