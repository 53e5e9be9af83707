import type { Insertable, Kysely } from 'kysely';
import type { Database, ExerciseTable } from '../../src/store/schema.js';

export type NewExerciseRow = Insertable<ExerciseTable>;

/**
 * A whole `exercises` row for tests that write one directly: an Almaty-time full-scale draft on
 * 25 October 2026 with nothing else said. Tests pass only what they rely on; a new column gets its
 * default here once instead of in every fixture. Columns with a database default (includes_public,
 * hazard, language, NO PLAY) are left to it unless given.
 */
export function exerciseRow(
  over: Partial<NewExerciseRow> & Pick<NewExerciseRow, 'id' | 'name'>,
): NewExerciseRow {
  const createdAt = over.created_at ?? '2026-09-01T00:00:00.000Z';
  return {
    programme_id: null,
    type: 'full-scale',
    status: 'draft',
    time_zone: 'Asia/Almaty',
    startex: '2026-10-25T04:00:00.000Z',
    endex: '2026-10-25T12:00:00.000Z',
    city: null,
    scope: null,
    threat: null,
    scenario: null,
    sponsor: null,
    point_of_contact: null,
    handling: null,
    lead_organisation_id: null,
    msel_approval: 'draft',
    msel_approved_by: null,
    msel_approved_at: null,
    version: 1,
    created_by: null,
    created_at: createdAt,
    updated_at: createdAt,
    ...over,
  };
}

/** Writes {@link exerciseRow}`(over)` to the `exercises` table. */
export async function insertExercise(
  db: Kysely<Database>,
  over: Parameters<typeof exerciseRow>[0],
): Promise<void> {
  await db.insertInto('exercises').values(exerciseRow(over)).execute();
}
