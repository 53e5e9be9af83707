import type { Kysely, Updateable } from 'kysely';
import type { ImprovementItemRow, ImprovementItemTable, NewImprovementItem } from './improvement-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** An item with the names its views show beside it. */
export interface ImprovementItemView extends ImprovementItemRow {
  capability_name: string;
  organisation_name: string;
  exercise_name: string;
  exercise_lead_organisation_id: string | null;
  test_in_exercise_name: string | null;
}

/** One line of an exercise's improvement plan, as the after-action report prints it. */
export interface ImprovementPlanLine {
  id: string;
  capabilityId: string;
  capabilityName: string;
  issue: string;
  correctiveAction: string;
  element: string;
  organisationId: string;
  organisationName: string;
  owner: string;
  startOn: string;
  dueOn: string;
  status: string;
  observationId: string | null;
  testInExerciseId: string | null;
}

const viewQuery = (db: Q) =>
  db
    .selectFrom('improvement_items as i')
    .innerJoin('core_capabilities as c', 'c.id', 'i.capability_id')
    .innerJoin('organisations as o', 'o.id', 'i.responsible_organisation_id')
    .innerJoin('exercises as e', 'e.id', 'i.exercise_id')
    .leftJoin('exercises as t', 't.id', 'i.test_in_exercise_id')
    .selectAll('i')
    .select([
      'c.name as capability_name',
      'o.name as organisation_name',
      'e.name as exercise_name',
      'e.lead_organisation_id as exercise_lead_organisation_id',
      't.name as test_in_exercise_name',
    ]);

/** Queries of the improvement plan. */
export const improvementRepository = {
  insert: async (db: Q, row: NewImprovementItem) =>
    void (await db.insertInto('improvement_items').values(row).execute()),

  byId: (db: Q, id: string): Promise<ImprovementItemRow | undefined> =>
    db.selectFrom('improvement_items').selectAll().where('id', '=', id).executeTakeFirst(),

  viewById: (db: Q, id: string): Promise<ImprovementItemView | undefined> =>
    viewQuery(db).where('i.id', '=', id).executeTakeFirst(),

  /**
   * Changes an item only if it is still at `version` (what its reader saw): of two changes at once,
   * one wins and the other is told. True when this call changed it.
   */
  update: async (
    db: Q,
    id: string,
    version: number,
    patch: Omit<Updateable<ImprovementItemTable>, 'id' | 'version'>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('improvement_items')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Every item with its names, newest due last; the service filters by the reader's scope. */
  all: (db: Q): Promise<ImprovementItemView[]> => viewQuery(db).orderBy('i.due_on').orderBy('i.id').execute(),

  /** Items raised in the exercise, or proposed to be tested in it. */
  ofExercise: (db: Q, exerciseId: string): Promise<ImprovementItemView[]> =>
    viewQuery(db)
      .where((eb) =>
        eb.or([eb('i.exercise_id', '=', exerciseId), eb('i.test_in_exercise_id', '=', exerciseId)]),
      )
      .orderBy('i.due_on')
      .orderBy('i.id')
      .execute(),

  /** Items still to be done whose due day is before `today`. */
  overdue: (db: Q, today: string): Promise<ImprovementItemRow[]> =>
    db
      .selectFrom('improvement_items')
      .selectAll()
      .where('status', 'in', ['open', 'in_progress'])
      .where('due_on', '<', today)
      .orderBy('id')
      .execute(),

  /**
   * The exercise's improvement plan as the after-action report prints it: the items raised in it,
   * by capability, then due day. Not filtered by reader: the report's own access decides.
   */
  itemsForExercise: async (db: Q, exerciseId: string): Promise<ImprovementPlanLine[]> => {
    const rows = await db
      .selectFrom('improvement_items as i')
      .innerJoin('core_capabilities as c', 'c.id', 'i.capability_id')
      .innerJoin('organisations as o', 'o.id', 'i.responsible_organisation_id')
      .selectAll('i')
      .select(['c.name as capability_name', 'o.name as organisation_name'])
      .where('i.exercise_id', '=', exerciseId)
      .orderBy('c.name')
      .orderBy('i.due_on')
      .orderBy('i.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      capabilityId: r.capability_id,
      capabilityName: r.capability_name,
      issue: r.issue,
      correctiveAction: r.corrective_action,
      element: r.element,
      organisationId: r.responsible_organisation_id,
      organisationName: r.organisation_name,
      owner: r.owner_name,
      startOn: r.start_on,
      dueOn: r.due_on,
      status: r.status,
      observationId: r.observation_id,
      testInExerciseId: r.test_in_exercise_id,
    }));
  },
};

/** The exercise's improvement plan for the after-action report (see improvementRepository.itemsForExercise). */
export const itemsForExercise = (db: Q, exerciseId: string): Promise<ImprovementPlanLine[]> =>
  improvementRepository.itemsForExercise(db, exerciseId);
