import { sql, type Kysely } from 'kysely';
import { detectEngine } from './0001-people-and-audit.js';

/*
 * SQLite's update triggers of 0046 noted both the row's old and new subscriber, and for nearly every
 * update (a language, a status, a verified address) the two are the same: the same row of
 * `subscriber_changes` was written twice. The new subscriber is now noted only when the key moved
 * (a place or a contact handed to another subscriber). PostgreSQL's statement triggers take the
 * union of the two already.
 */
const TABLES = [
  { table: 'subscribers', key: 'id' },
  { table: 'subscription_places', key: 'subscriber_id' },
  { table: 'contacts', key: 'subscriber_id' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (detectEngine(db) === 'postgres') return;
  const bump = 'update subscriber_versions set version = version + 1 where id = 1;';
  const version = '(select version from subscriber_versions where id = 1)';
  const upsert = 'on conflict (subscriber_id) do update set version = excluded.version;';
  for (const { table, key } of TABLES) {
    await sql.raw(`drop trigger ${table}_version_update`).execute(db);
    await sql
      .raw(
        `create trigger ${table}_version_update after update on ${table} for each row begin ${bump} ` +
          `insert into subscriber_changes (subscriber_id, version) values (old.${key}, ${version}) ${upsert} ` +
          // An upsert's SELECT needs its WHERE (else ON CONFLICT would read as a join's).
          `insert into subscriber_changes (subscriber_id, version) select new.${key}, ${version} ` +
          `where new.${key} is not old.${key} ${upsert} end`,
      )
      .execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
