import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CapFeedRow, CapFeedTable, ExternalAlertRow, ExternalAlertTable } from './feed-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

export const feedRepository = {
  insert: async (db: Q, row: Insertable<CapFeedTable>): Promise<void> => {
    await db.insertInto('cap_feeds').values(row).execute();
  },
  get: (db: Q, id: string): Promise<CapFeedRow | undefined> =>
    db.selectFrom('cap_feeds').selectAll().where('id', '=', id).executeTakeFirst(),
  byUrl: (db: Q, url: string): Promise<CapFeedRow | undefined> =>
    db.selectFrom('cap_feeds').selectAll().where('url', '=', url).executeTakeFirst(),
  list: (db: Q): Promise<CapFeedRow[]> =>
    db.selectFrom('cap_feeds').selectAll().orderBy('created_at').execute(),
  due: (db: Q, now: string): Promise<CapFeedRow[]> =>
    db.selectFrom('cap_feeds').selectAll().where('next_poll_at', '<=', now).orderBy('next_poll_at').execute(),
  /** Moves the next poll on only if nobody else has since: the one instance that wins polls. */
  claim: async (db: Q, id: string, seen: string, next: string): Promise<boolean> => {
    const r = await db
      .updateTable('cap_feeds')
      .set({ next_poll_at: next })
      .where('id', '=', id)
      .where('next_poll_at', '=', seen)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  update: async (db: Q, id: string, values: Updateable<CapFeedTable>): Promise<void> => {
    await db.updateTable('cap_feeds').set(values).where('id', '=', id).execute();
  },
};

export const externalAlertRepository = {
  /** Inserts the alert unless its (sender, identifier) is already known; true when it was new. */
  insertNew: async (db: Q, row: Insertable<ExternalAlertTable>): Promise<boolean> => {
    const r = await db
      .insertInto('external_alerts')
      .values(row)
      .onConflict((oc) => oc.columns(['sender', 'identifier']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  supersede: async (db: Q, sender: string, identifier: string, by: string): Promise<number> => {
    const r = await db
      .updateTable('external_alerts')
      .set({ superseded_by: by })
      .where('sender', '=', sender)
      .where('identifier', '=', identifier)
      .where('superseded_by', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  /** Actual alerts neither cancelled, superseded nor expired, newest first. */
  active: (db: Q, now: string): Promise<ExternalAlertRow[]> =>
    db
      .selectFrom('external_alerts')
      .selectAll()
      .where('status', '=', 'Actual')
      .where('msg_type', '!=', 'Cancel')
      .where('superseded_by', 'is', null)
      .where((eb) => eb.or([eb('expires', 'is', null), eb('expires', '>', now)]))
      .orderBy('sent', 'desc')
      .execute(),
  forFeed: (db: Q, feedId: string): Promise<ExternalAlertRow[]> =>
    db.selectFrom('external_alerts').selectAll().where('feed_id', '=', feedId).orderBy('sent').execute(),
};
