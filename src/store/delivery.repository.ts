import { CompiledQuery, sql, type ExpressionBuilder, type Kysely, type Updateable } from 'kysely';
import { deliveryText, type DeliveryFault } from '../core/messages/messages.js';
import type { Engine } from './db.js';
import { unnestInsert, type PgElement } from './pg-arrays.js';
import type { DeliveryRow, DeliveryTable } from './outbox-tables.js';
import type { Database } from './schema.js';
import { outboxOwner, withinReach } from './outbox-owner.js';
import type { OrganisationReach } from './reach.js';

type Q = Kysely<Database>;

// 15 columns a row: well under SQLite's 32,766 bound parameters.
const INSERT_CHUNK = 2000;
const SENT_CHUNK = 1000;

/** The columns a new delivery sets; the others keep their defaults or start empty. */
export const DELIVERY_COLUMNS = [
  'id',
  'source_kind',
  'source_id',
  'sequence',
  'recipient_kind',
  'recipient_id',
  'channel',
  'address',
  'language',
  'mode',
  'exercise_id',
  'priority',
  'status',
  'next_attempt_at',
  'created_at',
] as const;

export type NewDelivery = Pick<DeliveryTable, (typeof DELIVERY_COLUMNS)[number]>;

/** A failure as a delivery keeps it: the English sentence for logs, the reason for every reader. */
export const failureColumns = (f: DeliveryFault): { last_error: string; last_reason: string } => ({
  last_error: deliveryText('en', f).slice(0, 1000),
  last_reason: JSON.stringify(f),
});

const ONCE = 'on conflict (source_kind, source_id, sequence, recipient_id, channel) do nothing';

/** The columns' element types for one array each on PostgreSQL. */
const PG_COLUMNS: Readonly<Record<string, PgElement>> = Object.fromEntries(
  DELIVERY_COLUMNS.map((c) => [c, c === 'sequence' || c === 'priority' ? 'int4' : 'text']),
);

const texts = new Map<number, string>();

/** SQLite's statement for `count` rows, made once per size. */
function insertText(count: number): string {
  let text = texts.get(count);
  if (!text) {
    const tuple = `(${DELIVERY_COLUMNS.map(() => '?').join(',')})`;
    text = `insert into deliveries (${DELIVERY_COLUMNS.join(', ')}) values ${Array(count).fill(tuple).join(',')} ${ONCE}`;
    if (texts.size < 16) texts.set(count, text);
  }
  return text;
}

/** A send the channel accepted, to be written with others of its moment in one statement. */
export interface SentOutcome {
  id: string;
  /** The claim it was sent under: written only while that claim is still the delivery's. */
  owner: string;
  providerId: string | null;
  at: string;
}

const SENT_COLUMNS = 4;

/** Apart from the insert texts: a group's size varies from write to write and must not crowd them out. */
const sentTexts = new Map<string, string>();

function sentText(engine: Engine, count: number): string {
  const key = `${engine}:${count}`;
  let text = sentTexts.get(key);
  if (!text) {
    const tuples = Array.from({ length: count }, (_, row) =>
      engine === 'sqlite'
        ? '(?, ?, ?, ?)'
        : `(${Array.from({ length: SENT_COLUMNS }, (_, c) => `$${row * SENT_COLUMNS + c + 1}`).join(', ')})`,
    );
    // SQLite names a VALUES list's columns column1…columnN and takes no column list after its alias.
    const alias = engine === 'sqlite' ? 'v' : 'v (column1, column2, column3, column4)';
    text =
      `update deliveries set status = 'sent', acknowledged_at = v.column4, provider_id = v.column3, ` +
      `last_error = null, lease_owner = null, lease_until = null ` +
      `from (values ${tuples.join(', ')}) as ${alias} ` +
      `where deliveries.id = v.column1 and deliveries.lease_owner = v.column2 and deliveries.status = 'sending'`;
    if (sentTexts.size < 64) sentTexts.set(key, text);
  }
  return text;
}

/** SMS parts in doubt (handed over, answer lost) of the dead letters a retry takes. */
async function forgetSmsDoubts(db: Q, filter: DeadLetterFilter & { id?: string }): Promise<void> {
  let dead = db
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', 'dead')
    .where('channel', '=', 'sms')
    .where('address', 'is not', null);
  if (filter.id) dead = dead.where('id', '=', filter.id);
  if (filter.channel) dead = dead.where('channel', '=', filter.channel);
  if (filter.sourceKind) dead = dead.where('source_kind', '=', filter.sourceKind);
  if (filter.sourceId) dead = dead.where('source_id', '=', filter.sourceId);
  const reach = filter.reach && withinReach('deliveries', filter.reach);
  if (reach) dead = dead.where(reach);
  // Marked as never handed over, so the next try submits them under the sending's own reference.
  await db
    .updateTable('sms_parts')
    .set({ handed_at: null })
    .where('message_id', 'is', null)
    .where('delivery_id', 'in', dead)
    .execute();
}

/** A dispatcher's claim: its owner token and when it runs out unless renewed. */
export interface DeliveryLease {
  owner: string;
  until: string;
}

/** Which dead letters a bulk retry takes; every field narrows it. */
export interface DeadLetterFilter {
  channel?: string;
  sourceKind?: string;
  sourceId?: string;
  /** Only those sent for these organisations (a scoped reader's); absent: all of them. */
  reach?: OrganisationReach;
}

/** Due now: pending and its time has come, or claimed by a dispatcher whose lease ran out. */
const DUE =
  (now: string, dueBy = now) =>
  (eb: ExpressionBuilder<Database, 'deliveries'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', dueBy)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
    ]);

/**
 * The outbox. Every state change is a conditional UPDATE (pending → sending → sent | pending | dead)
 * keyed on the claim's owner token, so several dispatchers on one database can race freely: the
 * loser's write matches no row.
 */
export const deliveryRepository = {
  /**
   * Writes deliveries, skipping any (source, sequence, recipient, channel) already there; returns
   * how many were new. On PostgreSQL the whole batch is one statement of one array per column: a
   * VALUES list of a parameter per cell cost the server more to parse and bind than to write
   * (100,000 rows in 3.7–4.2 s as VALUES, 2.6–2.8 s as arrays). On SQLite the statement text is
   * made once per chunk size: building it through the query builder cost more than running it.
   */
  insertMany: async (db: Q, engine: Engine, rows: readonly NewDelivery[]): Promise<number> => {
    if (engine === 'postgres') {
      if (rows.length === 0) return 0;
      const r = await db.executeQuery(unnestInsert('deliveries', PG_COLUMNS, rows, ONCE));
      return Number(r.numAffectedRows ?? 0);
    }
    let written = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const part = rows.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = [];
      for (const r of part) for (const c of DELIVERY_COLUMNS) params.push(r[c]);
      const r = await db.executeQuery(CompiledQuery.raw(insertText(part.length), params));
      written += Number(r.numAffectedRows ?? 0);
    }
    return written;
  },

  /**
   * Residents (still subscribed) who were sent, or are due, an earlier sequence of a source, with
   * the contact each channel now has.
   */
  /**
   * Who an earlier message of a source reached, with their contact as it is now. A notice's
   * correction goes to those still subscribed; an alert's Update or Cancel (`evenUnsubscribed`) also
   * to those who unsubscribed since, because a resident told of a danger must be told it is over.
   * A resident who erased their data has no contact left and is never reached. Read a page at a
   * time along the one-per-source key, each earlier message in turn, so a Cancel to a million
   * starts sending before they are all read; a person reached by several earlier messages comes
   * once for each, and the caller keeps the first.
   */
  async *earlierRecipients(
    db: Q,
    sourceKind: string,
    sourceId: string,
    sequence: number,
    options: { evenUnsubscribed?: boolean } = {},
    pageSize = 5000,
  ): AsyncGenerator<{ subscriber_id: string; address: string; language: string; channel: string }[]> {
    for (let earlier = 1; earlier < sequence; earlier++) {
      let after: [string, string] = ['', ''];
      for (;;) {
        const page = await db
          .selectFrom('deliveries as d')
          .innerJoin('subscribers as s', 's.id', 'd.recipient_id')
          .innerJoin('contacts as c', (j) =>
            j.onRef('c.subscriber_id', '=', 's.id').onRef('c.channel', '=', 'd.channel'),
          )
          .select(['s.id as subscriber_id', 'c.address', 's.language', 'd.channel'])
          .where('d.source_kind', '=', sourceKind)
          .where('d.source_id', '=', sourceId)
          .where('d.sequence', '=', earlier)
          .where(sql<boolean>`(d.recipient_id, d.channel) > (${after[0]}, ${after[1]})`)
          .where('d.recipient_kind', '=', 'subscriber')
          .where('s.status', 'in', options.evenUnsubscribed ? ['active', 'unsubscribed'] : ['active'])
          .where('c.verified_at', 'is not', null)
          .orderBy('d.recipient_id')
          .orderBy('d.channel')
          .limit(pageSize)
          .execute();
        if (page.length) yield page;
        // The limit counts rows that passed every condition: a short page is the end of the scan.
        if (page.length < pageSize) break;
        const last = page[page.length - 1]!;
        after = [last.subscriber_id, last.channel];
      }
    }
  },

  /**
   * Takes up to `limit` due deliveries of a channel, and those whose lease ran out (a dispatcher
   * that died mid-send), highest priority first, and leases them. Deliveries of an exercise under
   * NO PLAY are not taken. SKIP LOCKED on PostgreSQL lets dispatchers share the work; the status
   * re-check in the UPDATE is what keeps one delivery from being claimed twice. `dueBy` later
   * than now takes deliveries before their time (a probe of a channel that was down). `lapsed`
   * false leaves out the read of lapsed leases, for a caller that looks for them now and then.
   */
  claim: async (
    db: Q,
    engine: Engine,
    channel: string,
    limit: number,
    now: string,
    lease: DeliveryLease,
    dueBy = now,
    lapsed = true,
  ): Promise<DeliveryRow[]> => {
    // Two reads, each along the claim index: the due ones in priority order, and those whose
    // dispatcher died (an OR of both would make the database sort every waiting delivery).
    const pending = (q: Q) =>
      q
        .selectFrom('deliveries')
        .select('id')
        .where('channel', '=', channel)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', dueBy)
        .where((eb) =>
          eb.or([
            eb('exercise_id', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('exercises as e')
                  .select('e.id')
                  .whereRef('e.id', '=', 'deliveries.exercise_id')
                  .where('e.no_play_at', 'is not', null),
              ),
            ),
          ]),
        )
        .orderBy('priority', 'desc')
        .orderBy('next_attempt_at')
        .limit(limit);
    const lapsedOnes = (q: Q) =>
      q
        .selectFrom('deliveries')
        .select('id')
        .where('channel', '=', channel)
        .where('status', '=', 'sending')
        .where('lease_until', '<', now)
        .limit(limit);
    const due = async (q: Q, lock: boolean) => {
      const [a, b] = lock
        ? [
            await pending(q).forUpdate().skipLocked().execute(),
            lapsed ? await lapsedOnes(q).forUpdate().skipLocked().execute() : [],
          ]
        : [await pending(q).execute(), lapsed ? await lapsedOnes(q).execute() : []];
      return [...b, ...a].slice(0, limit).map((r) => r.id);
    };
    const take = (q: Q, ids: string[]) =>
      q
        .updateTable('deliveries')
        .set((eb) => ({
          status: 'sending',
          attempts: eb('attempts', '+', 1),
          lease_owner: lease.owner,
          lease_until: lease.until,
          handed_at: now,
        }))
        .where('id', 'in', ids)
        .where(DUE(now, dueBy))
        .returningAll()
        .execute();
    if (engine === 'sqlite') {
      const ids = await due(db, false);
      return ids.length ? take(db, ids) : [];
    }
    return db.transaction().execute(async (trx) => {
      const ids = await due(trx, true);
      return ids.length ? take(trx, ids) : [];
    });
  },

  /**
   * Pushes a claim's lease forward while its sends are under way; returns the rows still held.
   * Found by the claimed ids: no index leads with the lease's owner, and looking for it scanned
   * every delivery (half a second, the event loop held, at two million rows on SQLite).
   */
  renew: async (db: Q, ids: readonly string[], lease: DeliveryLease): Promise<number> => {
    if (!ids.length) return 0;
    const r = await db
      .updateTable('deliveries')
      .set({ lease_until: lease.until })
      .where('id', 'in', ids)
      .where('lease_owner', '=', lease.owner)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** The result of a claimed send; a no-op when the claim was lost to another dispatcher. */
  finish: async (
    db: Q,
    id: string,
    lease: DeliveryLease,
    patch: Updateable<DeliveryTable>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('deliveries')
      .set({ ...patch, lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('lease_owner', '=', lease.owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /**
   * Sends the channels accepted, in one statement however many: a busy dispatcher's outcomes would
   * otherwise be one commit each, which on SQLite is most of its time. Each is written only while
   * its claim is still held. Returns how many were.
   */
  finishSent: async (db: Q, engine: Engine, outcomes: readonly SentOutcome[]): Promise<number> => {
    let written = 0;
    for (let i = 0; i < outcomes.length; i += SENT_CHUNK) {
      const part = outcomes.slice(i, i + SENT_CHUNK);
      const params = part.flatMap((o) => [o.id, o.owner, o.providerId, o.at]);
      const r = await db.executeQuery(CompiledQuery.raw(sentText(engine, part.length), params));
      written += Number(r.numAffectedRows ?? 0);
    }
    return written;
  },

  /**
   * Hands claimed deliveries back untried (NO PLAY came on, the channel is down): pending again at
   * `at`, and the claim does not count as a try.
   */
  release: async (db: Q, ids: readonly string[], lease: DeliveryLease, at: string): Promise<void> => {
    if (!ids.length) return;
    await db
      .updateTable('deliveries')
      .set((eb) => ({
        status: 'pending',
        attempts: eb('attempts', '-', 1),
        next_attempt_at: at,
        lease_owner: null,
        lease_until: null,
      }))
      .where('id', 'in', [...ids])
      .where('status', '=', 'sending')
      .where('lease_owner', '=', lease.owner)
      .execute();
  },

  /** After a channel's outage: everything still waiting on it is due now. */
  dueNow: async (db: Q, channel: string, now: string): Promise<void> => {
    await db
      .updateTable('deliveries')
      .set({ next_attempt_at: now })
      .where('channel', '=', channel)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '>', now)
      .execute();
  },

  countsByStatus: (db: Q, reach: OrganisationReach = 'everywhere') => {
    const within = withinReach('deliveries', reach);
    const q = db
      .selectFrom('deliveries')
      .select(['channel', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy(['channel', 'status']);
    return (within ? q.where(within) : q).execute();
  },

  /** Per channel and state, the deliveries of one source sequence: a fan-out's progress. */
  countsOfSource: (db: Q, sourceKind: string, sourceId: string, sequence: number) =>
    db
      .selectFrom('deliveries')
      .select(['channel', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('source_kind', '=', sourceKind)
      .where('source_id', '=', sourceId)
      .where('sequence', '=', sequence)
      .groupBy(['channel', 'status'])
      .execute(),

  dead: (db: Q, limit: number, reach: OrganisationReach = 'everywhere') => {
    const within = withinReach('d', reach);
    const q = db
      .selectFrom('deliveries as d')
      .leftJoin('notices as n', (j) => j.onRef('n.id', '=', 'd.source_id').on('d.source_kind', '=', 'notice'))
      .select([
        'd.id',
        'd.source_kind',
        'd.source_id',
        'n.slug',
        'd.sequence',
        'd.channel',
        'd.address',
        'd.language',
        'd.mode',
        'd.attempts',
        'd.last_error',
        'd.last_reason',
        'd.created_at',
        'd.next_attempt_at',
      ])
      .where('d.status', '=', 'dead')
      .orderBy('d.created_at', 'desc')
      .limit(limit);
    return (within ? q.where(within) : q).execute();
  },

  byId: (db: Q, id: string) =>
    db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst(),

  /** The organisation a delivery is sent for (null: none); undefined when there is no such delivery. */
  ownerOf: async (db: Q, id: string): Promise<string | null | undefined> => {
    const row = await db
      .selectFrom('deliveries as d')
      .select(outboxOwner('d').as('owner'))
      .where('d.id', '=', id)
      .executeTakeFirst();
    return row && row.owner;
  },

  /**
   * A dead letter back to pending, due now, with a fresh count of attempts. A person's retry is
   * also the decision to resend SMS parts whose answer was lost (in doubt): they are forgotten.
   */
  revive: async (db: Q, id: string, now: string): Promise<boolean> => {
    await forgetSmsDoubts(db, { id });
    const r = await db
      .updateTable('deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .where('address', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Every dead letter the filter names back to pending; erased addresses stay dead. */
  reviveMany: async (db: Q, filter: DeadLetterFilter, now: string): Promise<number> => {
    await forgetSmsDoubts(db, filter);
    let q = db
      .updateTable('deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_owner: null, lease_until: null })
      .where('status', '=', 'dead')
      .where('address', 'is not', null);
    if (filter.channel) q = q.where('channel', '=', filter.channel);
    if (filter.sourceKind) q = q.where('source_kind', '=', filter.sourceKind);
    if (filter.sourceId) q = q.where('source_id', '=', filter.sourceId);
    const within = filter.reach && withinReach('deliveries', filter.reach);
    if (within) q = q.where(within);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** What a resident was sent: for the "what we store about you" page. */
  sentTo: (db: Q, subscriberId: string) =>
    db
      .selectFrom('deliveries as d')
      .innerJoin('notices as n', (j) =>
        j.onRef('n.id', '=', 'd.source_id').on('d.source_kind', '=', 'notice'),
      )
      .select([
        'd.source_id as notice_id',
        'n.slug',
        'd.sequence as revision',
        'd.channel',
        'd.status',
        'd.acknowledged_at as sent_at',
        'd.created_at',
      ])
      .where('d.recipient_kind', '=', 'subscriber')
      .where('d.recipient_id', '=', subscriberId)
      .orderBy('d.created_at')
      .execute(),

  /**
   * Erasure: what was still to be sent goes (it could only reach the person erased); what was sent
   * keeps its row for the counts but loses the address and the link to the person.
   */
  forget: async (db: Q, subscriberId: string): Promise<void> => {
    await db
      .deleteFrom('deliveries')
      .where('recipient_kind', '=', 'subscriber')
      .where('recipient_id', '=', subscriberId)
      .where('status', 'in', ['pending', 'sending', 'dead'])
      .execute();
    await db
      .updateTable('deliveries')
      .set({ address: null, recipient_id: null })
      .where('recipient_kind', '=', 'subscriber')
      .where('recipient_id', '=', subscriberId)
      .execute();
  },

  /** Deliveries still to go to a resident who has unsubscribed: they are not sent. */
  dropPendingOf: async (db: Q, subscriberId: string, now: string): Promise<void> => {
    await db
      .updateTable('deliveries')
      .set({ status: 'dead', ...failureColumns({ reason: 'unsubscribed' }), next_attempt_at: now })
      .where('recipient_kind', '=', 'subscriber')
      .where('recipient_id', '=', subscriberId)
      .where('status', '=', 'pending')
      .execute();
  },
};
