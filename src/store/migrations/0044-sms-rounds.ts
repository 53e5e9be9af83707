import { sql, type Kysely } from 'kysely';
import { detectEngine } from './0001-people-and-audit.js';

/*
 * A multi-part SMS may be sent a second time, whole, under a new concatenation reference: a
 * "round" (docs/decisions/0015-sms-over-smpp.md, amended with 0044). A process killed while a
 * message's parts went out can leave one part handed over without its answer (in doubt) and a
 * later part never handed at all; the handset can never show that message whole, so sending every
 * part again under another reference cannot show it twice — and until now it was dead-lettered and
 * lost. Each round keeps its own rows, so the key becomes (delivery_id, round, part); rows from
 * before are round 1.
 *
 * SQLite cannot change a primary key in place: the table is rebuilt (no table refers to it, so
 * dropping the old one cascades nowhere).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (detectEngine(db) === 'postgres') {
    await sql`alter table sms_parts add column round integer not null default 1`.execute(db);
    await sql`alter table sms_parts drop constraint sms_parts_pk`.execute(db);
    await sql`alter table sms_parts add constraint sms_parts_pk primary key (delivery_id, round, part)`.execute(
      db,
    );
    return;
  }
  // One transaction (SQLite's migrations run without one): a kill between the drop and the rename
  // would otherwise leave the parts under the new table's name and the migration unable to rerun.
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('sms_parts_0044')
      .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id').onDelete('cascade'))
      .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('part', 'integer', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('receipt', 'text')
      .addColumn('receipt_at', 'text')
      .addColumn('handed_at', 'text')
      .addColumn('destination', 'text')
      .addColumn('reference', 'integer')
      .addPrimaryKeyConstraint('sms_parts_pk', ['delivery_id', 'round', 'part'])
      .execute();
    await sql`
      insert into sms_parts_0044 (delivery_id, round, part, message_id, submitted_at, accepted_at, receipt,
                                  receipt_at, handed_at, destination, reference)
      select delivery_id, 1, part, message_id, submitted_at, accepted_at, receipt, receipt_at, handed_at,
             destination, reference
      from sms_parts`.execute(trx);
    await sql`drop table sms_parts`.execute(trx);
    await sql`alter table sms_parts_0044 rename to sms_parts`.execute(trx);
    await trx.schema.createIndex('sms_parts_message').on('sms_parts').column('message_id').execute();
    await trx.schema
      .createIndex('sms_parts_destination')
      .on('sms_parts')
      .columns(['destination', 'reference'])
      .execute();
  });
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
