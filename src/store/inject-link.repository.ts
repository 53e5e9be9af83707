import { sql, type Kysely } from 'kysely';
import type { InjectLinkTable, NewPlayerReport } from './play-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** A link with the person it stands for, as they are in the exercise now. */
export interface LinkSeatRow {
  token_hash: string;
  exercise_id: string;
  run_id: string;
  person_id: string;
  opened_at: string | null;
  acknowledged_at: string | null;
  person_name: string;
  role: string;
  user_id: string | null;
  team_id: string | null;
  team_name: string | null;
  language: string;
}

/** Queries of the links to injects for players without an account; services decide who may ask. */
export const injectLinkRepository = {
  /** The people phone-book contacts of the exercise belong to, with the contact each is found by. */
  peopleOfContacts: (db: Q, exerciseId: string, contactIds: readonly string[]) =>
    db
      .selectFrom('exercise_contacts as c')
      .innerJoin('exercise_people as p', 'p.id', 'c.person_id')
      .select(['c.id as contact_id', 'p.id', 'p.user_id', 'p.role'])
      .where('c.id', 'in', contactIds)
      .where('c.exercise_id', '=', exerciseId)
      .where('p.exercise_id', '=', exerciseId)
      .execute(),

  /** Keeps the links of deliveries once; a second render of the same delivery finds its link there. */
  record: (db: Q, rows: readonly InjectLinkTable[]) =>
    db
      .insertInto('inject_links')
      .values([...rows])
      .onConflict((oc) => oc.doNothing())
      .execute(),

  seat: (db: Q, tokenHash: string): Promise<LinkSeatRow | undefined> =>
    db
      .selectFrom('inject_links as l')
      .innerJoin('exercise_people as p', 'p.id', 'l.person_id')
      .innerJoin('deliveries as d', 'd.id', 'l.delivery_id')
      .leftJoin('teams as t', 't.id', 'p.team_id')
      .select([
        'l.token_hash',
        'l.exercise_id',
        'l.run_id',
        'l.person_id',
        'l.opened_at',
        'l.acknowledged_at',
        'p.name as person_name',
        'p.role',
        'p.user_id',
        'p.team_id',
        't.name as team_name',
        'd.language',
      ])
      .where('l.token_hash', '=', tokenHash)
      .executeTakeFirst(),

  opened: (db: Q, tokenHash: string, at: string) =>
    db
      .updateTable('inject_links')
      .set({ opened_at: at })
      .where('token_hash', '=', tokenHash)
      .where('opened_at', 'is', null)
      .execute(),

  /**
   * Stamps the person's acknowledgement of the inject once, on each link of theirs to it (an e-mail
   * and an SMS carry one each); false when it was already there.
   */
  acknowledge: async (db: Q, runId: string, personId: string, at: string): Promise<boolean> => {
    const r = await db
      .updateTable('inject_links')
      .set({ acknowledged_at: at })
      .where('run_id', '=', runId)
      .where('person_id', '=', personId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Per inject of the exercise: how many people were sent a link to it, and how many opened one. */
  linkProgress: (db: Q, exerciseId: string) =>
    db
      .selectFrom('inject_links')
      .select((eb) => [
        'run_id',
        eb.fn.count<number | string>('person_id').distinct().as('sent'),
        sql<number | string>`count(distinct case when opened_at is not null then person_id end)`.as('opened'),
      ])
      .where('exercise_id', '=', exerciseId)
      .groupBy('run_id')
      .execute(),

  /** Per inject of the exercise: how many people acknowledged it through a link, and when first. */
  acknowledgementProgress: (db: Q, exerciseId: string) =>
    db
      .selectFrom('inject_links')
      .select((eb) => [
        'run_id',
        eb.fn.count<number | string>('person_id').distinct().as('acknowledged'),
        eb.fn.min<string | null>('acknowledged_at').as('first_acknowledged_at'),
      ])
      .where('exercise_id', '=', exerciseId)
      .where('acknowledged_at', 'is not', null)
      .groupBy('run_id')
      .execute(),

  /** Reports on the inject by the person's team (or, with no team, by the person), oldest first. */
  reports: (db: Q, runId: string, teamId: string | null, personId: string) =>
    db
      .selectFrom('player_reports')
      .select(['id', 'author_name', 'text', 'photo_type', 'latitude', 'longitude', 'created_at'])
      .where('inject_run_id', '=', runId)
      .where((eb) => (teamId ? eb('team_id', '=', teamId) : eb('person_id', '=', personId)))
      .orderBy('created_at')
      .orderBy('id')
      .execute(),

  insertReport: (db: Q, row: NewPlayerReport) => db.insertInto('player_reports').values(row).execute(),
};
