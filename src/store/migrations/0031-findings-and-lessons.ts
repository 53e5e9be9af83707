import { sql, type Kysely } from 'kysely';
import { detectEngine } from './0001-people-and-audit.js';

/*
 * Findings and the lessons-learned search (docs/decisions/0033-findings-and-lessons.md).
 *
 * `findings` holds the strengths and areas for improvement of an exercise, each under one of its core
 * capabilities; `position` orders them within (exercise, capability, kind) and gives the second
 * number of "Strength 1.2". `exercises.hazard` says what the exercise rehearsed, for the filter.
 *
 * The full-text index is the engine's own and is kept in step by the engine, never by the code that
 * writes: on PostgreSQL an expression GIN index over to_tsvector('simple', …) (the 'simple'
 * configuration lower-cases and does not stem, so Kazakh, Russian and English are treated alike); on
 * SQLite an FTS5 table filled by triggers. FTS5 rows are keyed by `lesson_documents.id`, an INTEGER
 * PRIMARY KEY that VACUUM keeps (the text-keyed tables' hidden rowids it may renumber).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('exercises').addColumn('hazard', 'text').execute();
  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('core_capability_id', 'text', (c) => c.notNull().references('core_capabilities.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('analysis', 'text', (c) => c.notNull())
    .addColumn('observation_ids', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('findings_kind', sql`kind in ('strength', 'improvement')`)
    .execute();
  await db.schema
    .createIndex('findings_by_exercise')
    .on('findings')
    .columns(['exercise_id', 'core_capability_id', 'kind', 'position'])
    .execute();

  if (detectEngine(db) === 'postgres') {
    await sql`create index observations_text_search on observations using gin (to_tsvector('simple', text))`.execute(
      db,
    );
    await sql`create index findings_text_search on findings using gin (to_tsvector('simple', text || ' ' || analysis))`.execute(
      db,
    );
    return;
  }

  await sql`create table lesson_documents (
    id integer primary key,
    kind text not null,
    subject_id text not null unique
  )`.execute(db);
  await sql`create virtual table lessons_fts using fts5(body, tokenize = 'unicode61 remove_diacritics 0')`.execute(
    db,
  );
  for (const [table, body] of [
    ['observations', 'new.text'],
    ['findings', `new.text || char(10) || new.analysis`],
  ] as const) {
    const kind = table === 'observations' ? `'observation'` : 'new.kind';
    const oldBody = body.replaceAll('new.', 'old.');
    const add = `insert into lesson_documents (kind, subject_id) values (${kind}, new.id);
      insert into lessons_fts (rowid, body)
        select id, ${body} from lesson_documents where subject_id = new.id;`;
    const remove = `delete from lessons_fts where rowid = (select id from lesson_documents where subject_id = old.id);
      delete from lesson_documents where subject_id = old.id;`;
    await sql
      .raw(`create trigger ${table}_lessons_insert after insert on ${table} begin ${add} end`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_lessons_delete after delete on ${table} begin ${remove} end`)
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_lessons_update after update on ${table}
         when ${oldBody} is not ${body} or old.id is not new.id begin ${remove} ${add} end`,
      )
      .execute(db);
  }
  // Observations recorded before this migration.
  await sql`insert into lesson_documents (kind, subject_id) select 'observation', id from observations`.execute(
    db,
  );
  await sql`insert into lessons_fts (rowid, body)
    select d.id, o.text from lesson_documents d join observations o on o.id = d.subject_id`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
