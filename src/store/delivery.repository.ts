import { CompiledQuery, type Kysely } from 'kysely';
import type { Engine } from './db.js';
import type { DeliveryRow, DeliveryTable } from './public-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

// 11 columns a row: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const INSERT_CHUNK = 2000;

/** The columns a new delivery sets; the others keep their defaults or start empty. */
export const DELIVERY_COLUMNS = [
  'id',
  'notice_id',
  'revision',
  'subscriber_id',
  'channel',
  'address',
  'language',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
] as const;

export type NewDelivery = Pick<DeliveryTable, (typeof DELIVERY_COLUMNS)[number]>;

const texts = new Map<string, string>();

function insertText(engine: Engine, count: number): string {
  const key = `${engine}:${count}`;
  let text = texts.get(key);
  if (!text) {
    const n = DELIVERY_COLUMNS.length;
    const tuples = Array.from({ length: count }, (_, row) =>
      engine === 'sqlite'
        ? `(${DELIVERY_COLUMNS.map(() => '?').join(',')})`
        : `(${DELIVERY_COLUMNS.map((_, c) => `$${row * n + c + 1}`).join(',')})`,
    );
    text =
      `insert into deliveries (${DELIVERY_COLUMNS.join(', ')}) values ${tuples.join(',')} ` +
      'on conflict (notice_id, revision, subscriber_id, channel) do nothing';
    if (texts.size < 16) texts.set(key, text);
  }
  return text;
}

/** Who holds claimed deliveries and until when; every write after the claim is conditional on it. */
export interface DeliveryLease {
  until: string;
}

/**
 * The outbox. Every state change is a conditional UPDATE (pending → sending → sent | pending | dead),
 * so several dispatchers on one database can race freely: the loser's write matches no row.
 */
export const deliveryRepository = {
  /**
   * Writes deliveries, skipping any (notice, revision, subscriber, channel) already there; returns
   * how many were new. The statement text is made once per chunk size and sent with its
   * parameters as it is: at 100,000 rows, building it through the query builder cost more than
   * the database's own work.
   */
  insertMany: async (db: Q, engine: Engine, rows: readonly NewDelivery[]): Promise<number> => {
    let written = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const part = rows.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = [];
      for (const r of part) for (const c of DELIVERY_COLUMNS) params.push(r[c]);
      const r = await db.executeQuery(CompiledQuery.raw(insertText(engine, part.length), params));
      written += Number(r.numAffectedRows ?? 0);
    }
    return written;
  },

  /** Subscribers (still subscribed) who were sent, or are due, an earlier revision of the notice. */
  earlierRecipients: (db: Q, noticeId: string, revision: number) =>
    db
      .selectFrom('deliveries as d')
      .innerJoin('subscribers as s', 's.id', 'd.subscriber_id')
      .select(['s.id as subscriber_id', 's.email', 's.language', 'd.channel'])
      .distinct()
      .where('d.notice_id', '=', noticeId)
      .where('d.revision', '<', revision)
      .where('s.status', '=', 'active')
      .execute(),

  /**
   * Takes up to `limit` due deliveries of a channel, and those whose lease ran out (a dispatcher
   * that died mid-send), and leases them. SKIP LOCKED on PostgreSQL lets dispatchers share the work;
   * the status re-check in the UPDATE is what keeps one delivery from being claimed twice.
   */
  claim: async (
    db: Q,
    engine: Engine,
    channel: string,
    limit: number,
    now: string,
    lease: DeliveryLease,
  ): Promise<DeliveryRow[]> => {
    const due = db
      .selectFrom('deliveries')
      .select('id')
      .where('channel', '=', channel)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(limit);
    const take = (q: Q, ids: string[] | typeof due) =>
      q
        .updateTable('deliveries')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), lease_until: lease.until }))
        .where('id', 'in', ids)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
          ]),
        )
        .returningAll()
        .execute();
    if (engine === 'sqlite') return take(db, due);
    return db.transaction().execute(async (trx) => {
      const rows = await due.forUpdate().skipLocked().execute();
      return rows.length
        ? take(
            trx,
            rows.map((r) => r.id),
          )
        : [];
    });
  },

  /** The result of a claimed send; a no-op when the lease was lost to another dispatcher. */
  finish: async (
    db: Q,
    id: string,
    lease: DeliveryLease,
    patch: Partial<DeliveryTable>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('deliveries')
      .set({ ...patch, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('lease_until', '=', lease.until)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  countsByStatus: (db: Q) =>
    db
      .selectFrom('deliveries')
      .select(['channel', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy(['channel', 'status'])
      .execute(),

  dead: (db: Q, limit: number) =>
    db
      .selectFrom('deliveries as d')
      .innerJoin('notices as n', 'n.id', 'd.notice_id')
      .select([
        'd.id',
        'd.notice_id',
        'n.slug',
        'd.revision',
        'd.channel',
        'd.address',
        'd.language',
        'd.attempts',
        'd.last_error',
        'd.created_at',
        'd.next_attempt_at',
      ])
      .where('d.status', '=', 'dead')
      .orderBy('d.created_at', 'desc')
      .limit(limit)
      .execute(),

  byId: (db: Q, id: string) =>
    db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst(),

  /** A dead letter back to pending, due now, with a fresh count of attempts. */
  revive: async (db: Q, id: string, now: string): Promise<boolean> => {
    const r = await db
      .updateTable('deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** What a subscriber was sent: for the "what we store about you" page. */
  sentTo: (db: Q, subscriberId: string) =>
    db
      .selectFrom('deliveries as d')
      .innerJoin('notices as n', 'n.id', 'd.notice_id')
      .select(['d.notice_id', 'n.slug', 'd.revision', 'd.channel', 'd.status', 'd.sent_at', 'd.created_at'])
      .where('d.subscriber_id', '=', subscriberId)
      .orderBy('d.created_at')
      .execute(),

  /**
   * Erasure: what was still to be sent goes (it could only reach the person erased); what was sent
   * keeps its row for the counts but loses the address.
   */
  forget: async (db: Q, subscriberId: string): Promise<void> => {
    await db
      .deleteFrom('deliveries')
      .where('subscriber_id', '=', subscriberId)
      .where('status', 'in', ['pending', 'sending', 'dead'])
      .execute();
    await db
      .updateTable('deliveries')
      .set({ address: null })
      .where('subscriber_id', '=', subscriberId)
      .execute();
  },

  /** Deliveries still to go to an address that has unsubscribed: they are not sent. */
  dropPendingOf: async (db: Q, subscriberId: string, now: string): Promise<void> => {
    await db
      .updateTable('deliveries')
      .set({ status: 'dead', last_error: 'unsubscribed before it was sent', next_attempt_at: now })
      .where('subscriber_id', '=', subscriberId)
      .where('status', '=', 'pending')
      .execute();
  },
};
