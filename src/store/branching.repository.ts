import type { Insertable, Kysely } from 'kysely';
import type {
  InjectDecisionRow,
  InjectDecisionTable,
  MilestoneReachedRow,
  MilestoneReachedTable,
  MselBranchingRow,
  MselBranchingTable,
} from './conduct-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** Queries of branching: as planned per MSEL event, and as played (decisions, milestones). */
export const branchingRepository = {
  planned: (db: Q, exerciseId: string): Promise<MselBranchingRow[]> =>
    db.selectFrom('msel_branching').selectAll().where('exercise_id', '=', exerciseId).execute(),

  /** The numbers of the events that wait for a decision of the given one. */
  waitingFor: async (db: Q, exerciseId: string, eventId: string): Promise<string[]> =>
    (
      await db
        .selectFrom('msel_branching as b')
        .innerJoin('msel_events as e', 'e.id', 'b.event_id')
        .select('e.number')
        .where('b.exercise_id', '=', exerciseId)
        .where('b.release_event_id', '=', eventId)
        .orderBy('e.position')
        .execute()
    ).map((r) => r.number),

  save: async (db: Q, row: Insertable<MselBranchingTable>): Promise<void> => {
    const { event_id: _key, ...rest } = row;
    await db
      .insertInto('msel_branching')
      .values(row)
      .onConflict((oc) => oc.column('event_id').doUpdateSet(rest))
      .execute();
  },

  remove: async (db: Q, eventId: string): Promise<void> => {
    await db.deleteFrom('msel_branching').where('event_id', '=', eventId).execute();
  },

  decisions: (db: Q, exerciseId: string): Promise<InjectDecisionRow[]> =>
    db.selectFrom('inject_decisions').selectAll().where('exercise_id', '=', exerciseId).execute(),

  decisionsOf: (db: Q, runIds: readonly string[]): Promise<InjectDecisionRow[]> =>
    runIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('inject_decisions').selectAll().where('run_id', 'in', runIds).execute(),

  /** The first decision counts: false when one was already taken (by anyone, on any process). */
  decide: async (db: Q, row: Insertable<InjectDecisionTable>): Promise<boolean> => {
    const r = await db
      .insertInto('inject_decisions')
      .values(row)
      .onConflict((oc) => oc.column('run_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  reached: (db: Q, exerciseId: string): Promise<MilestoneReachedRow[]> =>
    db
      .selectFrom('milestones_reached')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('reached_at')
      .execute(),

  /** False when the milestone was already marked reached. */
  reach: async (db: Q, row: Insertable<MilestoneReachedTable>): Promise<boolean> => {
    const r = await db
      .insertInto('milestones_reached')
      .values(row)
      .onConflict((oc) => oc.columns(['exercise_id', 'milestone']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
};
