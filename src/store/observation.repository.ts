import type { Kysely } from 'kysely';
import type { NewObservation, ObservationRow } from './observation-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** Queries of evaluators' observations. */
export const observationRepository = {
  byId: (db: Q, id: string): Promise<ObservationRow | undefined> =>
    db.selectFrom('observations').selectAll().where('id', '=', id).executeTakeFirst(),

  /**
   * Stores an observation unless one with its id exists: of two sendings at once, one inserts and
   * the other finds its row. True when this call stored it.
   */
  insertOnce: async (db: Q, row: NewObservation, photo: { type: string; data: string } | null) => {
    const inserted = await db
      .insertInto('observations')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    if (photo)
      await db
        .insertInto('observation_photos')
        .values({ observation_id: row.id, content_type: photo.type, data: photo.data })
        .execute();
    return true;
  },

  ofExercise: (db: Q, exerciseId: string): Promise<ObservationRow[]> =>
    db
      .selectFrom('observations')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('observed_at', 'desc')
      .orderBy('id')
      .execute(),

  photo: (db: Q, observationId: string) =>
    db
      .selectFrom('observation_photos')
      .selectAll()
      .where('observation_id', '=', observationId)
      .executeTakeFirst(),
};
