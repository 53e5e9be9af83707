import { sql, type Kysely } from 'kysely';

/*
 * A finding's number ("Strength 1.2") is its position within (exercise, capability, kind), and two
 * evaluators adding a finding at the same moment could both have read the same last position. The
 * unique index makes the second insert fail inside its transaction, and the service then takes the
 * next free number (services/evaluation/findings.service.ts). It replaces the plain index of 0031 on
 * the same columns, whose lookups it serves as well.
 *
 * Numbers already given twice are first made contiguous again within their group, in the order the
 * report showed them (position, then creation, then id), so the index builds on any existing data.
 * The rows are renumbered here rather than by one UPDATE with a window function: SQLite re-reads a
 * table it is updating, and this reads the same on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{
    id: string;
    exercise_id: string;
    core_capability_id: string;
    kind: string;
    position: number;
  }>`select id, exercise_id, core_capability_id, kind, position from findings
     order by exercise_id, core_capability_id, kind, position, created_at, id`.execute(db);
  let group = '';
  let n = 0;
  for (const r of rows) {
    const key = `${r.exercise_id}\n${r.core_capability_id}\n${r.kind}`;
    n = key === group ? n + 1 : 1;
    group = key;
    if (Number(r.position) !== n)
      await sql`update findings set position = ${n} where id = ${r.id}`.execute(db);
  }
  await db.schema.dropIndex('findings_by_exercise').execute();
  await db.schema
    .createIndex('findings_number_unique')
    .on('findings')
    .columns(['exercise_id', 'core_capability_id', 'kind', 'position'])
    .unique()
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
