import type { Kysely } from 'kysely';
import { insertBatches } from './batch-insert.js';
import type { Database, MselEventRow, MselEventTable } from './schema.js';

type Q = Kysely<Database>;

export const mselRepository = {
  list: (db: Q, exerciseId: string): Promise<MselEventRow[]> =>
    db
      .selectFrom('msel_events')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('position')
      .orderBy('offset_minutes')
      .execute(),
  get: (db: Q, exerciseId: string, id: string): Promise<MselEventRow | undefined> =>
    db
      .selectFrom('msel_events')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .where('id', '=', id)
      .executeTakeFirst(),
  insert: async (db: Q, row: MselEventRow): Promise<void> => {
    await db.insertInto('msel_events').values(row).execute();
  },
  /** Many rows in few statements: imports of thousands of injects. */
  insertMany: (db: Q, rows: MselEventRow[]): Promise<void> =>
    // 27 columns; PostgreSQL allows 65,535 parameters per statement and SQLite 32,766.
    insertBatches(db, 'msel_events', rows, 500),
  /** Optimistic update on the event's version; false when someone else changed it first. */
  update: async (
    db: Q,
    exerciseId: string,
    id: string,
    version: number,
    patch: Partial<MselEventTable>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('msel_events')
      .set({ ...patch, version: version + 1 })
      .where('exercise_id', '=', exerciseId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  setPosition: async (db: Q, exerciseId: string, id: string, position: number): Promise<void> => {
    await db
      .updateTable('msel_events')
      .set({ position })
      .where('exercise_id', '=', exerciseId)
      .where('id', '=', id)
      .execute();
  },
  delete: async (db: Q, exerciseId: string, id: string): Promise<number> =>
    Number(
      (
        await db
          .deleteFrom('msel_events')
          .where('exercise_id', '=', exerciseId)
          .where('id', '=', id)
          .executeTakeFirst()
      ).numDeletedRows,
    ),
  deleteAll: async (db: Q, exerciseId: string): Promise<void> => {
    await db.deleteFrom('msel_events').where('exercise_id', '=', exerciseId).execute();
  },
};
