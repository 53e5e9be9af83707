import type { Kysely } from 'kysely';

/*
 * The siren registry (docs/decisions/0021-sirens-over-mqtt.md). One row per siren controller: its
 * name in three languages, where it stands, the MQTT topic prefix it listens under, the key its
 * commands are signed with (sealed with the installation's secrets key, never stored in clear),
 * whom it is for (`public`: heard by residents; `exercise`: a drill ground's own siren) and what it
 * last reported of itself. Commands and acknowledgements are not kept here: a command is an outbox
 * delivery, and its acknowledgement is that delivery's `delivered_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sirens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('name_kk', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('topic_prefix', 'text', (c) => c.notNull().unique())
    .addColumn('command_key', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('battery', 'double precision')
    .addColumn('mains', 'integer')
    .addColumn('fault', 'text')
    .addColumn('status_at', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
