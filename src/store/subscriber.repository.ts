import type { Insertable, Kysely } from 'kysely';
import type { SubscriberTable, SubscriptionPlaceTable } from './public-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** Queries of subscribers and their places. */
export const subscriberRepository = {
  insert: async (db: Q, row: Insertable<SubscriberTable>): Promise<void> => {
    await db.insertInto('subscribers').values(row).execute();
  },

  insertPlaces: async (db: Q, rows: Insertable<SubscriptionPlaceTable>[]): Promise<void> => {
    if (rows.length) await db.insertInto('subscription_places').values(rows).execute();
  },

  replacePlaces: async (db: Q, subscriberId: string, rows: Insertable<SubscriptionPlaceTable>[]) => {
    await db.deleteFrom('subscription_places').where('subscriber_id', '=', subscriberId).execute();
    if (rows.length) await db.insertInto('subscription_places').values(rows).execute();
  },

  byEmail: (db: Q, email: string) =>
    db.selectFrom('subscribers').selectAll().where('email', '=', email).executeTakeFirst(),

  byConfirmHash: (db: Q, hash: string) =>
    db.selectFrom('subscribers').selectAll().where('confirm_token_hash', '=', hash).executeTakeFirst(),

  byManageHash: (db: Q, hash: string) =>
    db.selectFrom('subscribers').selectAll().where('manage_token_hash', '=', hash).executeTakeFirst(),

  byId: (db: Q, id: string) =>
    db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Conditional on the state it was read in, so two clicks cannot both win. */
  update: async (
    db: Q,
    id: string,
    fromStatus: string,
    patch: Partial<SubscriberTable>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('subscribers')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', fromStatus)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  remove: async (db: Q, id: string): Promise<void> => {
    await db.deleteFrom('subscribers').where('id', '=', id).execute();
  },

  placesOf: (db: Q, subscriberId: string) =>
    db
      .selectFrom('subscription_places')
      .selectAll()
      .where('subscriber_id', '=', subscriberId)
      .orderBy('id')
      .execute(),

  /** Every place of every active subscriber with what a delivery needs: what the place index holds. */
  activePlaces: (db: Q) =>
    db
      .selectFrom('subscription_places as p')
      .innerJoin('subscribers as s', 's.id', 'p.subscriber_id')
      .select(['p.subscriber_id', 's.email', 's.language', 's.channels', 'p.lon', 'p.lat', 'p.radius_m'])
      .where('s.status', '=', 'active')
      .execute(),

  /**
   * Changes whenever the set of active subscribers or their places changes: every such change
   * sets a subscriber's updated_at to now, or removes one (and so the count).
   */
  activeVersion: async (db: Q): Promise<string> => {
    const r = await db
      .selectFrom('subscribers')
      .select([(eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.max('updated_at').as('at')])
      .where('status', '=', 'active')
      .executeTakeFirst();
    return `${Number(r?.n ?? 0)}|${r?.at ?? ''}`;
  },

  countsByStatus: (db: Q) =>
    db
      .selectFrom('subscribers')
      .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('status')
      .execute(),

  countPlacesByKind: (db: Q) =>
    db
      .selectFrom('subscription_places as p')
      .innerJoin('subscribers as s', 's.id', 'p.subscriber_id')
      .select(['p.kind', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('s.status', '=', 'active')
      .groupBy('p.kind')
      .execute(),
};
