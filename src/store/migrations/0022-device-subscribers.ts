import { sql, type Kysely } from 'kysely';
import { detectEngine } from './0001-people-and-audit.js';

/*
 * A resident can get alerts on a device without giving an e-mail address: the browser's push
 * subscription is the contact, and proves itself by existing (docs/decisions/0022-web-push.md).
 * Such a subscriber has no e-mail, so `subscribers.email` may be null; an address given stays
 * unique.
 *
 * SQLite cannot drop a NOT NULL in place: the table is rebuilt (its documented procedure) with
 * foreign keys off, so the rebuild does not cascade into contacts and places.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (detectEngine(db) === 'postgres') {
    await sql`alter table subscribers alter column email drop not null`.execute(db);
    return;
  }
  const table = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = 'subscribers'`.execute(db);
  const create = table.rows[0]?.sql ?? '';
  const relaxed = create
    .replace(/"email" text not null unique/i, '"email" text unique')
    .replace(/^CREATE TABLE "?subscribers"?/i, 'CREATE TABLE "subscribers_0022"');
  if (relaxed === create || !relaxed.includes('subscribers_0022') || /"email" text not null/i.test(relaxed))
    throw new Error('subscribers is not in the shape migration 0022 expects');
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'index' and tbl_name = 'subscribers' and sql is not null`.execute(
    db,
  );
  await sql`pragma foreign_keys = off`.execute(db);
  const check = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  // Inside a transaction the pragma does nothing, and dropping the table would delete every contact.
  if (Number(check.rows[0]?.foreign_keys) !== 0)
    throw new Error('migration 0022 needs foreign keys off and cannot turn them off here');
  try {
    await sql.raw(relaxed).execute(db);
    await sql`insert into subscribers_0022 select * from subscribers`.execute(db);
    await sql`drop table subscribers`.execute(db);
    await sql`alter table subscribers_0022 rename to subscribers`.execute(db);
    for (const i of indexes.rows) await sql.raw(i.sql).execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length) throw new Error('migration 0022 left references that do not hold');
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
