import type { AarVersionRow } from './aar-tables.js';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** Queries of after-action report versions and of what a report is gathered from. */
export const aarRepository = {
  versions: (db: Q, exerciseId: string): Promise<AarVersionRow[]> =>
    db
      .selectFrom('aar_versions')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('version', 'desc')
      .execute(),

  version: (db: Q, exerciseId: string, version: number): Promise<AarVersionRow | undefined> =>
    db
      .selectFrom('aar_versions')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .where('version', '=', version)
      .executeTakeFirst(),

  latest: (db: Q, exerciseId: string): Promise<AarVersionRow | undefined> =>
    db
      .selectFrom('aar_versions')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst(),

  /** The latest final version shared with the players: the one they may read. */
  shared: (db: Q, exerciseId: string): Promise<AarVersionRow | undefined> =>
    db
      .selectFrom('aar_versions')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .where('status', '=', 'final')
      .where('shared_at', 'is not', null)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst(),

  insert: (db: Q, row: AarVersionRow) => db.insertInto('aar_versions').values(row).execute(),

  /** Rewrites a draft's content; a final one matches nothing, so it is never overwritten. */
  updateDraft: async (db: Q, id: string, content: string, edited: string, at: string): Promise<boolean> => {
    const r = await db
      .updateTable('aar_versions')
      .set({ content, edited_sections: edited, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  finalise: async (db: Q, id: string, by: string, at: string): Promise<boolean> => {
    const r = await db
      .updateTable('aar_versions')
      .set({ status: 'final', finalised_by: by, finalised_at: at, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  share: (db: Q, id: string, by: string | null, at: string | null) =>
    db.updateTable('aar_versions').set({ shared_by: by, shared_at: at }).where('id', '=', id).execute(),

  /** Each player's acknowledgement of an inject with the player's team: per-team response times. */
  acknowledgementsByTeam: (db: Q, exerciseId: string) =>
    db
      .selectFrom('inbox_messages as m')
      .innerJoin('inject_runs as r', 'r.id', 'm.source_id')
      .innerJoin('exercise_people as p', (j) =>
        j.onRef('p.user_id', '=', 'm.user_id').onRef('p.exercise_id', '=', 'r.exercise_id'),
      )
      .select(['r.id as run_id', 'r.fired_at', 'p.team_id', 'm.acknowledged_at'])
      .where('m.source_kind', '=', 'inject')
      .where('r.exercise_id', '=', exerciseId)
      .where('p.role', '=', 'player')
      .execute(),

  /** The first report per inject and team. */
  reportsByTeam: (db: Q, exerciseId: string) =>
    db
      .selectFrom('player_reports')
      .select((eb) => ['inject_run_id', 'team_id', eb.fn.min<string>('created_at').as('first_at')])
      .where('exercise_id', '=', exerciseId)
      .groupBy(['inject_run_id', 'team_id'])
      .execute(),

  eventCount: async (db: Q, exerciseId: string): Promise<number> => {
    const r = await db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('exercise_id', '=', exerciseId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
