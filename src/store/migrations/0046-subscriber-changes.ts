import { sql, type Kysely } from 'kysely';
import { detectEngine } from './0001-people-and-audit.js';

/*
 * Which subscribers changed, and at which of the subscribers' versions (migration 0043). A fan-out
 * holds a place index of every active subscriber's places; before this, any change of any
 * subscriber made the next fan-out read all of them again: at a million residents about seven
 * seconds before an alert's first delivery, and sign-ups at that scale never stop. Now the index
 * reads the subscribers changed since the version it was built at and patches itself.
 *
 * `subscriber_changes` keeps one row per subscriber ever changed: the last version that touched it
 * (its row, a place or a contact). One row per subscriber, not one per change, so it never needs
 * pruning and an erased subscriber's last change stays readable. Written by the same triggers that
 * move the version, in the writing transaction: a reader that sees version v sees exactly the
 * changes up to v. `log_from` is the first version the log is complete from: an index built before
 * it (or before a TRUNCATE, which names no rows) must be read afresh.
 *
 * PostgreSQL: AFTER statement triggers with transition tables, one per table and operation (a
 * trigger with transition tables takes one event), so a bulk statement writes its changes in one
 * set-based upsert. They run after 0043's BEFORE trigger has moved the counter, and read it.
 * SQLite: 0043's row triggers are replaced by ones that move the counter and note the change in
 * one body, so their order is never in question.
 */
const TABLES = [
  { table: 'subscribers', key: 'id' },
  { table: 'subscription_places', key: 'subscriber_id' },
  { table: 'contacts', key: 'subscriber_id' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriber_changes')
    .addColumn('subscriber_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscriber_changes_version')
    .on('subscriber_changes')
    .column('version')
    .execute();
  await db.schema.alterTable('subscriber_versions').addColumn('log_from', 'bigint').execute();
  await sql`update subscriber_versions set log_from = version`.execute(db);

  if (detectEngine(db) === 'postgres') await postgres(db);
  else await sqlite(db);
}

async function postgres(db: Kysely<unknown>): Promise<void> {
  // Dynamic SQL names the schema of the table that fired, as 0043's function does; transition
  // tables are visible to it by name.
  for (const { table, key } of TABLES)
    for (const op of ['insert', 'update', 'delete'] as const) {
      // An update that moves a row to another subscriber changes the old one too.
      const changed = {
        insert: 'new_rows',
        delete: 'old_rows',
        update: `(select ${key} from new_rows union select ${key} from old_rows) as moved`,
      }[op];
      const referencing = {
        insert: 'new table as new_rows',
        delete: 'old table as old_rows',
        update: 'new table as new_rows old table as old_rows',
      }[op];
      await sql
        .raw(
          `create function note_${table}_${op}() returns trigger language plpgsql as $$
          begin
            execute format('insert into %I.subscriber_changes (subscriber_id, version) ' ||
              'select distinct ${key}, (select version from %I.subscriber_versions where id = 1) from ${changed} ' ||
              'on conflict (subscriber_id) do update set version = excluded.version', tg_table_schema, tg_table_schema);
            return null;
          end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_noted_${op} after ${op} on ${table} referencing ${referencing} ` +
            `for each statement execute function note_${table}_${op}()`,
        )
        .execute(db);
    }
  await sql`create function note_subscribers_truncated() returns trigger language plpgsql as $$
    begin
      execute format('update %I.subscriber_versions set log_from = version where id = 1', tg_table_schema);
      return null;
    end $$`.execute(db);
  for (const { table } of TABLES)
    await sql
      .raw(
        `create trigger ${table}_noted_truncate after truncate on ${table} ` +
          `for each statement execute function note_subscribers_truncated()`,
      )
      .execute(db);
}

async function sqlite(db: Kysely<unknown>): Promise<void> {
  const bump = 'update subscriber_versions set version = version + 1 where id = 1;';
  const note = (row: string) =>
    `insert into subscriber_changes (subscriber_id, version) ` +
    `values (${row}, (select version from subscriber_versions where id = 1)) ` +
    `on conflict (subscriber_id) do update set version = excluded.version;`;
  for (const { table, key } of TABLES)
    for (const op of ['insert', 'update', 'delete'] as const) {
      await sql.raw(`drop trigger ${table}_version_${op}`).execute(db);
      const body =
        op === 'insert'
          ? note(`new.${key}`)
          : op === 'delete'
            ? note(`old.${key}`)
            : `${note(`old.${key}`)} ${note(`new.${key}`)}`;
      await sql
        .raw(
          `create trigger ${table}_version_${op} after ${op} on ${table} for each row begin ${bump} ${body} end`,
        )
        .execute(db);
    }
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
