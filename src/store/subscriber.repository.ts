import type { Insertable, Kysely, Updateable } from 'kysely';
import type { SubscriberTable, SubscriptionPlaceTable } from './public-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** The channels a subscriber chose (JSON array); e-mail when unreadable. */
export function channelList(json: string): string[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : ['email'];
  } catch {
    return ['email'];
  }
}

/** The counter row of migration 0043, outside the schema the services see: only read here. */
interface SubscriberVersionTable {
  id: number;
  version: string | number | bigint;
  /** Migration 0046: the first version {@link SubscriberChangeTable} is complete from. */
  log_from: string | number | bigint | null;
}

/** Migration 0046: per subscriber, the last version that changed it, its places or its contacts. */
interface SubscriberChangeTable {
  subscriber_id: string;
  version: string | number | bigint;
}

/** Enough ids for one `in (…)` list on either engine. */
const IDS_PER_QUERY = 500;

async function subscriberVersion(db: Q): Promise<string> {
  const r = await db
    .withTables<{ subscriber_versions: SubscriberVersionTable }>()
    .selectFrom('subscriber_versions')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return String(r.version);
}

/** Queries of subscribers, their places and their contacts. */
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
    patch: Updateable<SubscriberTable>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('subscribers')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', fromStatus)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** The next message about a subscription: its sequence, counted in the database. */
  nextMessage: async (db: Q, id: string): Promise<number> => {
    const r = await db
      .updateTable('subscribers')
      .set((eb) => ({ message_sequence: eb('message_sequence', '+', 1) }))
      .where('id', '=', id)
      .returning('message_sequence')
      .executeTakeFirstOrThrow();
    return Number(r.message_sequence);
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

  /**
   * Every place of every active subscriber, once per verified contact on a channel they chose:
   * what the place index holds.
   */
  activePlaces: async (db: Q, subscriberIds?: readonly string[]) => {
    const query = db
      .selectFrom('subscription_places as p')
      .innerJoin('subscribers as s', 's.id', 'p.subscriber_id')
      .innerJoin('contacts as c', 'c.subscriber_id', 's.id')
      .select([
        'p.subscriber_id',
        'c.channel',
        'c.address',
        's.language',
        's.channels',
        'p.lon',
        'p.lat',
        'p.radius_m',
      ])
      .where('s.status', '=', 'active')
      .where('c.verified_at', 'is not', null);
    let rows: Awaited<ReturnType<typeof query.execute>> = [];
    if (!subscriberIds) rows = await query.execute();
    else
      for (let i = 0; i < subscriberIds.length; i += IDS_PER_QUERY) {
        const ids = subscriberIds.slice(i, i + IDS_PER_QUERY);
        // By the subscriber's key, unique, so the planner expects as many rows as ids even with no
        // statistics (a database being filled): by the place's column PostgreSQL guessed every
        // row and scanned all three tables for each page of ids.
        // One by one: spreading rows into push() puts each on the stack, too many at a million.
        for (const row of await query.where('s.id', 'in', ids).execute()) rows.push(row);
      }
    const chosen = new Map<string, boolean>();
    return rows.filter((r) => {
      const key = `${r.channels}\u0000${r.channel}`;
      let ok = chosen.get(key);
      if (ok === undefined) {
        ok = channelList(r.channels).includes(r.channel);
        chosen.set(key, ok);
      }
      return ok;
    });
  },

  /**
   * The subscribers changed after `version` as `db` sees them (their row, a place or a contact),
   * or null when the change log does not reach back that far or more than `limit` changed: the
   * caller then reads everything afresh.
   */
  changedSince: async (db: Q, version: string, limit: number): Promise<string[] | null> => {
    const q = db.withTables<{
      subscriber_versions: SubscriberVersionTable;
      subscriber_changes: SubscriberChangeTable;
    }>();
    const counter = await q
      .selectFrom('subscriber_versions')
      .select('log_from')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    if (counter.log_from === null || BigInt(counter.log_from) > BigInt(version)) return null;
    const rows = await q
      .selectFrom('subscriber_changes')
      .select('subscriber_id')
      .where('version', '>', Number(version))
      .limit(limit + 1)
      .execute();
    return rows.length > limit ? null : rows.map((r) => r.subscriber_id);
  },

  /**
   * Changes whenever who a message reaches may have changed: the database bumps it in the same
   * transaction as any write to the subscribers, their places or their contacts (migration 0043),
   * so a transaction reads its own changes in it. One indexed row, however many subscribers.
   */
  activeVersion: (db: Q): Promise<string> => subscriberVersion(db),

  /**
   * {@link activeVersion} as seen over every status, for reads that also reach subscribers no
   * longer active (an earlier message's recipients): the same counter, which already changes when
   * one of them is erased or loses a contact.
   */
  everyVersion: (db: Q): Promise<string> => subscriberVersion(db),

  /**
   * Sets a subscriber's address on a channel. A new or changed address is unverified until its
   * owner proves it; the same address keeps its verification.
   */
  setContact: async (db: Q, subscriberId: string, channel: string, address: string, at: string) => {
    await db
      .insertInto('contacts')
      .values({
        id: `${channel}-${subscriberId}`,
        subscriber_id: subscriberId,
        channel,
        address,
        verified_at: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.columns(['subscriber_id', 'channel']).doUpdateSet((eb) => ({
          address: eb.ref('excluded.address'),
          verified_at: eb
            .case()
            .when('contacts.address', '=', eb.ref('excluded.address'))
            .then(eb.ref('contacts.verified_at'))
            .else(null)
            .end(),
          updated_at: at,
        })),
      )
      .execute();
  },

  /** The owner proved the address on `channel` is theirs (e.g. followed the e-mailed link). */
  verifyContact: async (db: Q, subscriberId: string, channel: string, at: string) => {
    await db
      .updateTable('contacts')
      .set({ verified_at: at, updated_at: at })
      .where('subscriber_id', '=', subscriberId)
      .where('channel', '=', channel)
      .execute();
  },

  /** Removes one contact if it still holds `address`; true when it did. */
  removeContact: async (db: Q, subscriberId: string, channel: string, address: string): Promise<boolean> => {
    const r = await db
      .deleteFrom('contacts')
      .where('subscriber_id', '=', subscriberId)
      .where('channel', '=', channel)
      .where('address', '=', address)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },

  contactsOf: (db: Q, subscriberId: string) =>
    db
      .selectFrom('contacts')
      .selectAll()
      .where('subscriber_id', '=', subscriberId)
      .orderBy('channel')
      .execute(),

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
