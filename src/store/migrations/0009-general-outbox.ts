import { sql, type Kysely } from 'kysely';

/*
 * The outbox stops being shaped like a notice. A delivery belongs to a source (its kind, id and
 * sequence: a notice revision now, an inject or an alert next), goes to a recipient's contact on a
 * channel, and carries a traffic mode and the exercise it belongs to. Contacts are per channel
 * (a resident's e-mail, phone, push subscription) and kept apart from an exercise's phone book.
 * A fan-out record is what a publication writes; workers expand it into deliveries in batches.
 * Exercises get their NO PLAY flag, which the dispatcher checks before every send.
 *
 * Existing rows move over: every subscriber's e-mail becomes a verified (or pending) contact, every
 * notice delivery becomes a delivery of source `notice`, and every published revision gets a
 * finished fan-out record, so nothing already sent is sent again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('contacts_one_per_channel', ['subscriber_id', 'channel'])
    .execute();

  // An exercise's phone book: the players' and controllers' addresses for its traffic. A separate
  // table, so no query for residents can ever return a player, and the reverse.
  await db.schema
    .createTable('exercise_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('person_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('exercise_contacts_once', ['exercise_id', 'channel', 'address'])
    .execute();

  await db.schema.alterTable('exercises').addColumn('no_play_at', 'text').execute();
  await db.schema.alterTable('exercises').addColumn('no_play_reason', 'text').execute();
  await db.schema.alterTable('exercises').addColumn('no_play_by', 'text').execute();
  await db.schema
    .alterTable('exercises')
    .addColumn('includes_public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('fanouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('exercise_id', 'text')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('written', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('fanouts_once', ['source_kind', 'source_id', 'sequence'])
    .addCheckConstraint('fanouts_actual_is_real', sql`mode <> 'actual' or exercise_id is null`)
    .execute();
  await db.schema.createIndex('fanouts_status').on('fanouts').columns(['status', 'created_at']).execute();

  // Built beside the old table and renamed once the old one is gone: PostgreSQL keeps constraint
  // and index names with a renamed table, so the new names must not collide with the old ones.
  await db.schema
    .createTable('deliveries_0009')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('exercise_id', 'text')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handed_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addUniqueConstraint('deliveries_one_per_source', [
      'source_kind',
      'source_id',
      'sequence',
      'recipient_id',
      'channel',
    ])
    // The database itself refuses what the safety rules forbid, whatever code writes the row.
    .addCheckConstraint('deliveries_mode', sql`mode in ('actual', 'exercise', 'test', 'rehearsal')`)
    .addCheckConstraint(
      'deliveries_actual_is_real',
      sql`mode <> 'actual' or (exercise_id is null and recipient_kind = 'subscriber')`,
    )
    .execute();
  await sql`insert into contacts (id, subscriber_id, channel, address, verified_at, created_at, updated_at)
    select 'email-' || id, id, 'email', email, confirmed_at, created_at, updated_at from subscribers`.execute(
    db,
  );
  await sql`insert into deliveries_0009 (id, source_kind, source_id, sequence, recipient_kind, recipient_id,
      channel, address, language, mode, exercise_id, priority, status, attempts, next_attempt_at,
      lease_owner, lease_until, last_error, provider_id, created_at, handed_at, acknowledged_at)
    select id, 'notice', notice_id, revision, 'subscriber', subscriber_id, channel, address, language,
      'actual', null, 0, status, attempts, next_attempt_at, null, lease_until, last_error, provider_id,
      created_at, sent_at, sent_at
    from deliveries`.execute(db);
  await sql`insert into fanouts (id, source_kind, source_id, sequence, mode, exercise_id, priority,
      status, attempts, matched, written, created_at, started_at, finished_at)
    select 'notice-' || r.notice_id || '-' || r.revision, 'notice', r.notice_id, r.revision, 'actual', null,
      0, 'done', 1,
      (select count(*) from deliveries d where d.notice_id = r.notice_id and d.revision = r.revision),
      (select count(*) from deliveries d where d.notice_id = r.notice_id and d.revision = r.revision),
      r.published_at, r.published_at, r.published_at
    from notice_revisions r`.execute(db);
  await db.schema.dropTable('deliveries').execute();
  await db.schema.alterTable('deliveries_0009').renameTo('deliveries').execute();
  // In the order the dispatcher claims (channel, state, priority first, then due time), so a claim
  // reads the index from its start and stops at its limit however many deliveries wait.
  await db.schema
    .createIndex('deliveries_due')
    .on('deliveries')
    .columns(['channel', 'status', 'priority desc', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('deliveries_recipient')
    .on('deliveries')
    .columns(['recipient_kind', 'recipient_id'])
    .execute();
  await db.schema
    .createIndex('deliveries_source')
    .on('deliveries')
    .columns(['source_kind', 'source_id', 'sequence'])
    .execute();

  // Subscribers keep their e-mail as the key of the subscription form; the contact is what is sent to.
  // Each message about the subscription itself (confirm, already subscribed) is one sequence of the
  // subscriber as an outbox source; the confirmation link is made from it, so it is never stored.
  await db.schema
    .alterTable('subscribers')
    .addColumn('message_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('rehearsal_messages')
    .addColumn('delivery_id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
