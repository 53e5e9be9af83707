import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  CapabilityTargetTable,
  CriticalTaskTable,
  Database,
  ExerciseOrganisationTable,
  ExercisePersonTable,
  ObjectiveTable,
  ScenarioModuleTable,
  TeamTable,
  VenueTable,
  ZoneTable,
} from './schema.js';

type Q = Kysely<Database>;

/** Queries for the lists that hang off one exercise; services keep the rules of each list. */
export const planRepository = {
  objectives: (db: Q, exerciseId: string): Promise<ObjectiveTable[]> =>
    db
      .selectFrom('objectives')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('position')
      .execute(),
  capabilityTargets: (db: Q, objectiveIds: string[]): Promise<CapabilityTargetTable[]> =>
    objectiveIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('capability_targets')
          .selectAll()
          .where('objective_id', 'in', objectiveIds)
          .orderBy('position')
          .orderBy('id')
          .execute(),
  criticalTasks: (db: Q, targetIds: string[]): Promise<CriticalTaskTable[]> =>
    targetIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('critical_tasks')
          .selectAll()
          .where('capability_target_id', 'in', targetIds)
          .orderBy('position')
          .execute(),
  modules: (db: Q, exerciseId: string): Promise<ScenarioModuleTable[]> =>
    db
      .selectFrom('scenario_modules')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('position')
      .execute(),
  venues: (db: Q, exerciseId: string): Promise<VenueTable[]> =>
    db.selectFrom('venues').selectAll().where('exercise_id', '=', exerciseId).orderBy('name').execute(),
  zones: (db: Q, exerciseId: string): Promise<ZoneTable[]> =>
    db
      .selectFrom('zones')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('starts_at')
      .orderBy('name')
      .execute(),
  organisations: (db: Q, exerciseId: string): Promise<ExerciseOrganisationTable[]> =>
    db.selectFrom('exercise_organisations').selectAll().where('exercise_id', '=', exerciseId).execute(),
  /** Every inject number the exercise has: in its MSEL, or added to its play on the fly. */
  injectNumbers: async (db: Q, exerciseId: string): Promise<Set<string>> => {
    const rows = await db
      .selectFrom('msel_events')
      .select('number')
      .where('exercise_id', '=', exerciseId)
      .union(db.selectFrom('inject_runs').select('number').where('exercise_id', '=', exerciseId))
      .execute();
    return new Set(rows.map((r) => r.number));
  },
  teams: (db: Q, exerciseId: string): Promise<TeamTable[]> =>
    db.selectFrom('teams').selectAll().where('exercise_id', '=', exerciseId).orderBy('name').execute(),
  people: (db: Q, exerciseId: string): Promise<Selectable<ExercisePersonTable>[]> =>
    db
      .selectFrom('exercise_people')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('name')
      .execute(),
  coreCapabilities: (db: Q) =>
    db.selectFrom('core_capabilities').selectAll().orderBy('mission_area').orderBy('name').execute(),

  insertObjective: async (db: Q, row: ObjectiveTable) =>
    void (await db.insertInto('objectives').values(row).execute()),
  /** Without a position the target goes after the objective's others. */
  insertTarget: async (db: Q, row: Omit<CapabilityTargetTable, 'position'> & { position?: number }) => {
    const position =
      row.position ??
      Number(
        (
          await db
            .selectFrom('capability_targets')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('objective_id', '=', row.objective_id)
            .executeTakeFirstOrThrow()
        ).n,
      ) + 1;
    await db
      .insertInto('capability_targets')
      .values({ ...row, position })
      .execute();
  },
  insertTask: async (db: Q, row: CriticalTaskTable) =>
    void (await db.insertInto('critical_tasks').values(row).execute()),
  insertModule: async (db: Q, row: ScenarioModuleTable) =>
    void (await db.insertInto('scenario_modules').values(row).execute()),
  insertVenue: async (db: Q, row: VenueTable) => void (await db.insertInto('venues').values(row).execute()),
  insertZone: async (db: Q, row: ZoneTable) => void (await db.insertInto('zones').values(row).execute()),
  insertTeam: async (db: Q, row: TeamTable) => void (await db.insertInto('teams').values(row).execute()),
  insertPerson: async (db: Q, row: Insertable<ExercisePersonTable>) =>
    void (await db.insertInto('exercise_people').values(row).execute()),
  upsertOrganisation: async (db: Q, row: ExerciseOrganisationTable) =>
    void (await db
      .insertInto('exercise_organisations')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['exercise_id', 'organisation_id'])
          .doUpdateSet({ extent_of_play: row.extent_of_play, notes: row.notes }),
      )
      .execute()),

  updateVenue: async (db: Q, exerciseId: string, id: string, patch: Partial<VenueTable>) =>
    Number(
      (
        await db
          .updateTable('venues')
          .set(patch)
          .where('id', '=', id)
          .where('exercise_id', '=', exerciseId)
          .executeTakeFirst()
      ).numUpdatedRows,
    ),
  updateZone: async (db: Q, exerciseId: string, id: string, patch: Partial<ZoneTable>) =>
    Number(
      (
        await db
          .updateTable('zones')
          .set(patch)
          .where('id', '=', id)
          .where('exercise_id', '=', exerciseId)
          .executeTakeFirst()
      ).numUpdatedRows,
    ),
  updateObjective: async (db: Q, exerciseId: string, id: string, text: string) =>
    Number(
      (
        await db
          .updateTable('objectives')
          .set({ text })
          .where('id', '=', id)
          .where('exercise_id', '=', exerciseId)
          .executeTakeFirst()
      ).numUpdatedRows,
    ),

  updateTarget: async (db: Q, id: string, patch: Partial<Omit<CapabilityTargetTable, 'id'>>) =>
    void (await db.updateTable('capability_targets').set(patch).where('id', '=', id).execute()),
  updateTask: async (db: Q, id: string, patch: Partial<Omit<CriticalTaskTable, 'id'>>) =>
    void (await db.updateTable('critical_tasks').set(patch).where('id', '=', id).execute()),
  deleteTargets: async (db: Q, ids: string[]) =>
    void (ids.length && (await db.deleteFrom('capability_targets').where('id', 'in', ids).execute())),
  deleteTasks: async (db: Q, ids: string[]) =>
    void (ids.length && (await db.deleteFrom('critical_tasks').where('id', 'in', ids).execute())),
  updateModule: async (db: Q, exerciseId: string, id: string, patch: Partial<ScenarioModuleTable>) =>
    Number(
      (
        await db
          .updateTable('scenario_modules')
          .set(patch)
          .where('id', '=', id)
          .where('exercise_id', '=', exerciseId)
          .executeTakeFirst()
      ).numUpdatedRows,
    ),

  deleteFrom: async (
    db: Q,
    table: 'objectives' | 'scenario_modules' | 'venues' | 'zones' | 'teams' | 'exercise_people',
    exerciseId: string,
    id: string,
  ) =>
    Number(
      (
        await db
          .deleteFrom(table)
          .where('id', '=', id)
          .where('exercise_id', '=', exerciseId)
          .executeTakeFirst()
      ).numDeletedRows,
    ),
  deleteOrganisation: async (db: Q, exerciseId: string, organisationId: string) =>
    void (await db
      .deleteFrom('exercise_organisations')
      .where('exercise_id', '=', exerciseId)
      .where('organisation_id', '=', organisationId)
      .execute()),
};
