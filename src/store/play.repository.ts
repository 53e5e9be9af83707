import { sql, type Kysely } from 'kysely';
import type { NewPlayerReport } from './play-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** An inject in a player's inbox, with the run it came from. */
export interface InboxInjectRow {
  id: string;
  number: string;
  to_team_ids: string;
  fired_at: string | null;
  /** JSON {question, options} when the inject asks its players to choose. */
  decision: string | null;
  title: string;
  body: string;
  /** The inject as fired, to word its label and marking again in another reader's language. */
  run_title: string;
  run_content: string;
  delivered_at: string;
  acknowledged_at: string | null;
}

/** Queries of the players' side; services decide who may ask them. */
export const playRepository = {
  /** The account's player seat in an exercise (the first, when planners listed them twice). */
  seat: (db: Q, exerciseId: string, userId: string) =>
    db
      .selectFrom('exercise_people as p')
      .leftJoin('teams as t', 't.id', 'p.team_id')
      .select(['p.id', 'p.name', 'p.team_id', 't.name as team_name'])
      .where('p.exercise_id', '=', exerciseId)
      .where('p.user_id', '=', userId)
      .where('p.role', '=', 'player')
      .orderBy('p.id')
      .executeTakeFirst(),

  /** Fired injects in the account's inbox, newest first; `runId` narrows to one. */
  inboxInjects: (db: Q, exerciseId: string, userId: string, runId?: string): Promise<InboxInjectRow[]> => {
    let q = db
      .selectFrom('inbox_messages as m')
      .innerJoin('inject_runs as r', 'r.id', 'm.source_id')
      .select([
        'r.id',
        'r.number',
        'r.to_team_ids',
        'r.fired_at',
        'r.decision',
        'm.title',
        'm.body',
        'r.title as run_title',
        'r.content as run_content',
        'm.delivered_at',
        'm.acknowledged_at',
      ])
      .where('m.user_id', '=', userId)
      .where('m.source_kind', '=', 'inject')
      .where('r.exercise_id', '=', exerciseId)
      .where('r.status', '=', 'fired')
      .orderBy('r.fired_at', 'desc')
      .orderBy('r.position', 'desc');
    if (runId !== undefined) q = q.where('r.id', '=', runId);
    return q.execute();
  },

  /** Who has an inject in their inbox: the players whose screens a change to it must reach. */
  recipients: async (db: Q, runId: string): Promise<string[]> =>
    (
      await db
        .selectFrom('inbox_messages')
        .select('user_id')
        .where('source_kind', '=', 'inject')
        .where('source_id', '=', runId)
        .execute()
    ).map((r) => r.user_id),

  /** Stamps the acknowledgement once; false when it was already there. */
  acknowledge: async (db: Q, userId: string, runId: string, at: string): Promise<boolean> => {
    const r = await db
      .updateTable('inbox_messages')
      .set({ acknowledged_at: at })
      .where('user_id', '=', userId)
      .where('source_kind', '=', 'inject')
      .where('source_id', '=', runId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Reports on these injects by this team (or, with no team, by this account), oldest first. */
  reports: (db: Q, runIds: string[], teamId: string | null, userId: string) => {
    if (runIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('player_reports')
      .select([
        'id',
        'inject_run_id',
        'author_name',
        'text',
        'photo_type',
        'latitude',
        'longitude',
        'created_at',
      ])
      .where('inject_run_id', 'in', runIds)
      .where((eb) => (teamId ? eb('team_id', '=', teamId) : eb('user_id', '=', userId)))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  insertReport: (db: Q, row: NewPlayerReport) => db.insertInto('player_reports').values(row).execute(),

  photo: (db: Q, exerciseId: string, reportId: string) =>
    db
      .selectFrom('player_reports')
      .select(['user_id', 'team_id', 'photo', 'photo_type'])
      .where('id', '=', reportId)
      .where('exercise_id', '=', exerciseId)
      .executeTakeFirst(),

  /** Per fired inject: its deliveries on every channel and how many were handed over, and when first. */
  deliveryProgress: (db: Q, exerciseId: string) =>
    db
      .selectFrom('deliveries')
      .select((eb) => [
        'source_id',
        eb.fn.countAll<number | string>().as('total'),
        sql<number | string>`sum(case when status = 'sent' then 1 else 0 end)`.as('sent'),
        eb.fn.min<string | null>('acknowledged_at').as('first_sent_at'),
      ])
      .where('source_kind', '=', 'inject')
      .where('exercise_id', '=', exerciseId)
      .groupBy('source_id')
      .execute(),

  acknowledgementProgress: (db: Q, exerciseId: string) =>
    db
      .selectFrom('inbox_messages')
      .select((eb) => [
        'source_id',
        eb.fn.count<number | string>('acknowledged_at').as('acknowledged'),
        eb.fn.min<string | null>('acknowledged_at').as('first_acknowledged_at'),
      ])
      .where('source_kind', '=', 'inject')
      .where('exercise_id', '=', exerciseId)
      .groupBy('source_id')
      .execute(),

  /** The first report on each inject of the exercise and how many there are. */
  reportProgress: async (db: Q, exerciseId: string) => {
    const rows = await db
      .selectFrom('player_reports')
      .select(['id', 'inject_run_id', 'author_name', 'text', 'photo_type', 'created_at'])
      .where('exercise_id', '=', exerciseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const byRun = new Map<string, { first: (typeof rows)[number]; count: number }>();
    for (const r of rows) {
      const seen = byRun.get(r.inject_run_id);
      if (seen) seen.count++;
      else byRun.set(r.inject_run_id, { first: r, count: 1 });
    }
    return byRun;
  },
};
