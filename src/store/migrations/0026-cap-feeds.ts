import type { Kysely } from 'kysely';

/*
 * CAP from other authorities (docs/decisions/0026-cap-feeds.md). `cap_feeds` holds what an
 * administrator configured and what the last poll learnt (ETag, Last-Modified, findings);
 * `external_alerts` holds each alert read from a feed once, keyed by its CAP identity (sender,
 * identifier), with the verdict of its signatures and the identifier of what superseded it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cap_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('poll_seconds', 'integer', (c) => c.notNull())
    .addColumn('trust_store', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('next_poll_at', 'text', (c) => c.notNull())
    .addColumn('last_polled_at', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('last_findings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cap_feeds_due').on('cap_feeds').column('next_poll_at').execute();
  await db.schema
    .createTable('external_alerts')
    .addColumn('feed_id', 'text', (c) => c.notNull().references('cap_feeds.id').onDelete('cascade'))
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('sent', 'text', (c) => c.notNull())
    .addColumn('sender_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('msg_type', 'text', (c) => c.notNull())
    .addColumn('expires', 'text')
    .addColumn('alert_json', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('signatures', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('superseded_by', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_alerts_pk', ['sender', 'identifier'])
    .execute();
  await db.schema
    .createIndex('external_alerts_active')
    .on('external_alerts')
    .columns(['superseded_by', 'expires'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
