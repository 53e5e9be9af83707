import { sql, type Kysely } from 'kysely';

/*
 * A delivery's (and a fan-out's) last error was English text, shown as it was to a Kazakh or Russian reader. Its
 * reason is now kept beside it as a code and the values its sentence names (JSON), and each reader
 * is told it in their own language; the text stays for logs and for rows written before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table deliveries add column last_reason text`.execute(db);
  await sql`alter table fanouts add column last_reason text`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
