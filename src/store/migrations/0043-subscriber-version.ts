import { sql, type Kysely } from 'kysely';
import { detectEngine } from './0001-people-and-audit.js';

/*
 * The subscribers' version, kept by the database. Every fan-out asks, inside its transaction,
 * whether the place index it holds is still that of the subscribers (and the console's reach
 * figures ask the same). That used to be a count and a max(updated_at) over the subscribers: at a
 * million residents a scan on the path of every publication, most of the 864 ms the first alert
 * delivery took against a 1 s target. Now it is one row read by its key.
 *
 * `subscriber_versions` holds one row whose `version` the engine increments on every insert,
 * update or delete of the tables who a message reaches is read from: `subscribers`,
 * `subscription_places` and `contacts`. Triggers, not the code that writes, so that no write site
 * (a service, the demo data, a script) can forget it; the increment is part of the writing
 * transaction, so a reader sees it exactly when it sees the change, and a transaction sees its own.
 * One version for every status: a change of an unsubscribed resident also costs a rebuild, which
 * is rare and only ever errs towards reading afresh.
 *
 * PostgreSQL: statement triggers, so a bulk insert pays once. Concurrent writers serialise on the
 * counter row until commit (a sign-up is a few milliseconds), under READ COMMITTED, so none fails.
 * BEFORE, not AFTER, the statement: the counter row is then locked before any subscriber, place or
 * contact row in every transaction, one order for all, so two writers cannot deadlock over it. The
 * function names the counter beside the table that fired (TG_TABLE_SCHEMA): it is created in the
 * migration's schema and stays right whatever search path a later writer has. SQLite has only row
 * triggers: each row written costs one more update of a row in the page already at hand.
 *
 * A later migration that rebuilds one of these tables on SQLite (as 0022 did) drops its triggers
 * with it and must create them again. The `subscribers_status_updated` index (0008) served only
 * the old count: dropped, one B-tree fewer on every sign-up.
 */
const TABLES = ['subscribers', 'subscription_places', 'contacts'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriber_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addCheckConstraint('subscriber_versions_one_row', sql`id = 1`)
    .execute();
  await sql`insert into subscriber_versions (id, version) values (1, 1)`.execute(db);

  if (detectEngine(db) === 'postgres') {
    await sql`create function bump_subscriber_version() returns trigger language plpgsql as $$
      begin
        execute format('update %I.subscriber_versions set version = version + 1 where id = 1', tg_table_schema);
        return null;
      end $$`.execute(db);
    for (const table of TABLES)
      await sql
        .raw(
          `create trigger ${table}_version before insert or update or delete or truncate on ${table} ` +
            `for each statement execute function bump_subscriber_version()`,
        )
        .execute(db);
  } else {
    for (const table of TABLES)
      for (const op of ['insert', 'update', 'delete'])
        await sql
          .raw(
            `create trigger ${table}_version_${op} after ${op} on ${table} for each row ` +
              `begin update subscriber_versions set version = version + 1 where id = 1; end`,
          )
          .execute(db);
  }

  await db.schema.dropIndex('subscribers_status_updated').execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
