import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ExerciseRow, ExerciseTable, ProgrammeTable } from './schema.js';

type Q = Kysely<Database>;

export const programmeRepository = {
  list: (db: Q): Promise<Selectable<ProgrammeTable>[]> =>
    db.selectFrom('programmes').selectAll().orderBy('name').execute(),
  get: (db: Q, id: string) => db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst(),
  findByName: (db: Q, name: string) =>
    db.selectFrom('programmes').selectAll().where('name', '=', name).executeTakeFirst(),
  insert: async (db: Q, row: Selectable<ProgrammeTable>): Promise<void> => {
    await db.insertInto('programmes').values(row).execute();
  },
  update: async (db: Q, id: string, patch: Updateable<ProgrammeTable>): Promise<void> => {
    await db.updateTable('programmes').set(patch).where('id', '=', id).execute();
  },
};

export interface ExerciseFilter {
  programmeId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: string | undefined;
}

export const exerciseRepository = {
  list: (db: Q, f: ExerciseFilter = {}): Promise<ExerciseRow[]> => {
    let q = db.selectFrom('exercises').selectAll().orderBy('startex').orderBy('name');
    if (f.programmeId) q = q.where('programme_id', '=', f.programmeId);
    if (f.status) q = q.where('status', '=', f.status);
    // Overlap with [from, to): what a calendar shows.
    if (f.from) q = q.where('endex', '>', f.from);
    if (f.to) q = q.where('startex', '<', f.to);
    return q.execute();
  },
  /** The participating organisations of these exercises, as (exercise, organisation) pairs. */
  participants: async (
    db: Q,
    exerciseIds: readonly string[],
  ): Promise<{ exercise_id: string; organisation_id: string }[]> =>
    exerciseIds.length === 0
      ? []
      : db
          .selectFrom('exercise_organisations')
          .select(['exercise_id', 'organisation_id'])
          .where('exercise_id', 'in', exerciseIds)
          .execute(),
  /** Each exercise's id and lead organisation: where it is read, with its participants. */
  leads: (db: Q, ids: readonly string[]): Promise<{ id: string; lead_organisation_id: string | null }[]> =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('exercises').select(['id', 'lead_organisation_id']).where('id', 'in', ids).execute(),
  get: (db: Q, id: string): Promise<ExerciseRow | undefined> =>
    db.selectFrom('exercises').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: async (db: Q, row: Insertable<ExerciseTable>): Promise<void> => {
    await db.insertInto('exercises').values(row).execute();
  },
  /** Optimistic update: only when nobody changed the exercise since `version` was read. */
  update: async (db: Q, id: string, version: number, patch: Updateable<ExerciseTable>): Promise<boolean> => {
    const r = await db
      .updateTable('exercises')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  delete: async (db: Q, id: string): Promise<void> => {
    await db.deleteFrom('exercises').where('id', '=', id).execute();
  },
};
