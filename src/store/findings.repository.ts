import { sql, type Kysely, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import type { FindingRow, NewFinding } from './finding-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** Queries of strengths and areas for improvement. */
export const findingsRepository = {
  byId: (db: Q, id: string): Promise<FindingRow | undefined> =>
    db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst(),

  ofExercise: (db: Q, exerciseId: string): Promise<FindingRow[]> =>
    db
      .selectFrom('findings')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('kind', 'desc')
      .orderBy('position')
      .orderBy('id')
      .execute(),

  /** The next number within the exercise, capability and kind (the ".2" of "Strength 1.2"). */
  nextPosition: async (db: Q, exerciseId: string, capabilityId: string, kind: string): Promise<number> => {
    const row = await db
      .selectFrom('findings')
      .select((eb) => eb.fn.max('position').as('last'))
      .where('exercise_id', '=', exerciseId)
      .where('core_capability_id', '=', capabilityId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return Number(row?.last ?? 0) + 1;
  },

  insert: async (db: Q, row: NewFinding): Promise<void> => {
    await db.insertInto('findings').values(row).execute();
  },

  /**
   * Whether `err` is the refusal of a number already given in the same exercise, capability and
   * kind (the unique index of migration 0033): another writer took it first.
   */
  isNumberTaken: (err: unknown): boolean => {
    const e = err as { code?: string; constraint?: string; message?: string };
    if (e?.code === '23505') return e.constraint === 'findings_number_unique';
    return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && /\bfindings\.position\b/.test(e.message ?? '');
  },

  /** Writes the change only if the row is still at `version`; false when someone else changed it first. */
  update: async (
    db: Q,
    id: string,
    version: number,
    patch: Pick<FindingRow, 'text' | 'analysis' | 'observation_ids' | 'updated_at'>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('findings')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /**
   * Removes one and closes the gap it leaves, so references stay 1.1, 1.2, 1.3. Its position is
   * the one it has when deleted (a removal beside it may have moved it since it was read). The
   * later ones move in two steps, through negative numbers, because both engines check the unique
   * number of each row as it is updated, not at the end of the statement.
   */
  delete: async (db: Q, row: FindingRow): Promise<void> => {
    const gone = await db
      .deleteFrom('findings')
      .where('id', '=', row.id)
      .returning('position')
      .executeTakeFirst();
    if (!gone) return;
    const group = (q: UpdateQueryBuilder<Database, 'findings', 'findings', UpdateResult>) =>
      q
        .where('exercise_id', '=', row.exercise_id)
        .where('core_capability_id', '=', row.core_capability_id)
        .where('kind', '=', row.kind);
    await group(db.updateTable('findings'))
      .set({ position: sql<number>`1 - position` })
      .where('position', '>', gone.position)
      .execute();
    await group(db.updateTable('findings'))
      .set({ position: sql<number>`0 - position` })
      .where('position', '<', 0)
      .execute();
  },

  /**
   * The core capabilities an exercise evaluates, in the order its objectives and their capability
   * targets name them: the first is capability 1 of the report.
   */
  capabilitiesOf: async (db: Q, exerciseId: string): Promise<{ id: string; name: string }[]> => {
    const rows = await db
      .selectFrom('capability_targets as t')
      .innerJoin('objectives as o', 'o.id', 't.objective_id')
      .innerJoin('core_capabilities as c', 'c.id', 't.core_capability_id')
      .select(['c.id', 'c.name'])
      .where('o.exercise_id', '=', exerciseId)
      .orderBy('o.position')
      .orderBy('t.position')
      .orderBy('t.id')
      .execute();
    const seen = new Map<string, string>();
    for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, r.name);
    return [...seen].map(([id, name]) => ({ id, name }));
  },

  capabilityNames: async (db: Q, ids: readonly string[]): Promise<Map<string, string>> =>
    ids.length === 0
      ? new Map()
      : new Map(
          (
            await db.selectFrom('core_capabilities').select(['id', 'name']).where('id', 'in', ids).execute()
          ).map((r) => [r.id, r.name]),
        ),
};

/** One strength or area for improvement as the report shows it. */
export interface FindingEntry {
  id: string;
  /** "1.2": the capability's number in the exercise, then the finding's within its kind. */
  reference: string;
  text: string;
  /** Root cause and consequence. */
  analysis: string;
  observationIds: string[];
  version: number;
}

/** One core capability's findings, in the HSEEP order. */
export interface CapabilityFindings {
  capabilityId: string;
  capabilityName: string;
  /** The capability's number in the exercise, from 1. */
  number: number;
  strengths: FindingEntry[];
  improvements: FindingEntry[];
}

/**
 * Per core capability of the exercise (in the order its objectives name them; a capability that
 * has findings but is no longer planned comes last), its strengths and areas for improvement with
 * their references ("Strength 1.2" is `{ number: 1 } → strengths[1].reference === '1.2'`).
 * For the after-action report: no access check here, the caller has made it.
 */
export async function findingsForExercise(db: Q, exerciseId: string): Promise<CapabilityFindings[]> {
  const [planned, rows] = await Promise.all([
    findingsRepository.capabilitiesOf(db, exerciseId),
    findingsRepository.ofExercise(db, exerciseId),
  ]);
  const unplanned = [...new Set(rows.map((r) => r.core_capability_id))].filter(
    (id) => !planned.some((c) => c.id === id),
  );
  const names = await findingsRepository.capabilityNames(db, unplanned);
  const capabilities = [...planned, ...unplanned.map((id) => ({ id, name: names.get(id) ?? id }))];
  return capabilities.map((c, i) => {
    const number = i + 1;
    const entries = (kind: string) =>
      rows
        .filter((r) => r.core_capability_id === c.id && r.kind === kind)
        .sort((a, b) => a.position - b.position)
        .map((r): FindingEntry => ({
          id: r.id,
          reference: `${number}.${r.position}`,
          text: r.text,
          analysis: r.analysis,
          observationIds: JSON.parse(r.observation_ids) as string[],
          version: r.version,
        }));
    return {
      capabilityId: c.id,
      capabilityName: c.name,
      number,
      strengths: entries('strength'),
      improvements: entries('improvement'),
    };
  });
}
