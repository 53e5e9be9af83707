import { sql, type ExpressionBuilder, type Insertable, type Kysely } from 'kysely';
import type { FanOutRow, FanOutTable } from './outbox-tables.js';
import { onPostgres, unnestInsert, type PgElement } from './pg-arrays.js';
import type { Database } from './schema.js';
import { outboxOwner, withinReach } from './outbox-owner.js';
import type { OrganisationReach } from './reach.js';

type Q = Kysely<Database>;

/** What a request writes; the rest start at their defaults. */
const REQUEST_COLUMNS: Record<string, PgElement> = {
  id: 'text',
  source_kind: 'text',
  source_id: 'text',
  sequence: 'int4',
  mode: 'text',
  exercise_id: 'text',
  priority: 'int4',
  status: 'text',
  created_at: 'text',
};
const requestColumns = Object.keys(REQUEST_COLUMNS);
const isRequest = (row: object) => {
  const keys = Object.keys(row);
  return keys.length === requestColumns.length && requestColumns.every((c) => keys.includes(c));
};

/** A worker's hold on a fan-out: its owner token and when it runs out unless renewed. */
export interface FanOutLease {
  owner: string;
  until: string;
}

/** Waiting and due (a failed expansion waits out its back-off), or held by a worker whose lease ran out. */
const CLAIMABLE = (now: string) => (eb: ExpressionBuilder<Database, 'fanouts'>) =>
  eb.or([
    eb.and([
      eb('status', '=', 'pending'),
      eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
    ]),
    eb.and([eb('status', '=', 'expanding'), eb('lease_until', '<', now)]),
  ]);

/**
 * Fan-out records. A worker claims one with a conditional UPDATE and a short lease, renews the
 * lease with every batch it writes, and a record whose worker died is claimed again and resumed.
 */
export const fanOutRepository = {
  insert: async (
    db: Q,
    rows: Insertable<FanOutTable> | readonly Insertable<FanOutTable>[],
  ): Promise<void> => {
    // A burst of injects requests a fan-out each: one statement of arrays on PostgreSQL.
    if (Array.isArray(rows) && rows.length > 1 && onPostgres(db) && rows.every(isRequest)) {
      await db.executeQuery(
        unnestInsert(
          'fanouts',
          REQUEST_COLUMNS,
          rows,
          'on conflict (source_kind, source_id, sequence) do nothing',
        ),
      );
      return;
    }
    await db
      .insertInto('fanouts')
      .values(rows)
      .onConflict((oc) => oc.columns(['source_kind', 'source_id', 'sequence']).doNothing())
      .execute();
  },

  /** The oldest fan-out that is waiting or whose worker's lease ran out, highest priority first. */
  claim: async (db: Q, now: string, lease: FanOutLease): Promise<FanOutRow | undefined> => {
    for (;;) {
      const next = await db
        .selectFrom('fanouts')
        .select('id')
        .where(CLAIMABLE(now))
        .orderBy('priority', 'desc')
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      if (!next) return undefined;
      const taken = await db
        .updateTable('fanouts')
        .set((eb) => ({
          status: 'expanding',
          lease_owner: lease.owner,
          lease_until: lease.until,
          attempts: eb('attempts', '+', 1),
          started_at: eb.fn.coalesce('started_at', eb.val(now)),
        }))
        .where('id', '=', next.id)
        .where(CLAIMABLE(now))
        .returningAll()
        .executeTakeFirst();
      if (taken) return taken;
      // Another worker took it between the look and the claim: look again.
    }
  },

  /** Pushes a claim's lease forward while its audience is still being worked out; false once lost. */
  renew: async (db: Q, id: string, lease: FanOutLease): Promise<boolean> => {
    const r = await db
      .updateTable('fanouts')
      .set({ lease_until: lease.until })
      .where('id', '=', id)
      .where('status', '=', 'expanding')
      .where('lease_owner', '=', lease.owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /**
   * Records a batch's progress and pushes the lease on; false when the fan-out is no longer ours.
   * Batches may commit out of order (two are written at once on PostgreSQL): `written` adds up, and
   * `matched` only ever grows.
   */
  progress: async (
    db: Q,
    id: string,
    lease: FanOutLease,
    counts: { matched?: number; written: number },
  ): Promise<boolean> => {
    const r = await db
      .updateTable('fanouts')
      .set((eb) => ({
        written: eb('written', '+', counts.written),
        ...(counts.matched !== undefined
          ? {
              matched: sql<number>`case when matched < ${counts.matched} then ${counts.matched} else matched end`,
            }
          : {}),
        lease_until: lease.until,
      }))
      .where('id', '=', id)
      .where('status', '=', 'expanding')
      .where('lease_owner', '=', lease.owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Ends a fan-out: written out (`done`), or given up after the retry horizon (`failed`). */
  finish: async (
    db: Q,
    id: string,
    lease: FanOutLease,
    patch: {
      status: 'done' | 'failed';
      finished_at: string;
      last_error?: string | null;
      last_reason?: string | null;
    },
  ): Promise<boolean> => {
    const r = await db
      .updateTable('fanouts')
      .set({ ...patch, lease_owner: null, lease_until: null, next_attempt_at: null, retrying_since: null })
      .where('id', '=', id)
      .where('status', '=', 'expanding')
      .where('lease_owner', '=', lease.owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** An expansion that threw goes back to waiting until `next_attempt_at`; false when no longer ours. */
  retryLater: async (
    db: Q,
    id: string,
    lease: FanOutLease,
    patch: { next_attempt_at: string; retrying_since: string; last_error: string; last_reason: string },
  ): Promise<boolean> => {
    const r = await db
      .updateTable('fanouts')
      .set({ ...patch, status: 'pending', lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', 'expanding')
      .where('lease_owner', '=', lease.owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /**
   * A person sends a failed fan-out again: waiting and due now, its horizon counted afresh. The
   * outbox's unique key keeps everyone it already reached from being written twice.
   */
  retryFailed: async (db: Q, id: string): Promise<boolean> => {
    const r = await db
      .updateTable('fanouts')
      .set({ status: 'pending', next_attempt_at: null, retrying_since: null, finished_at: null })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** The newest fan-outs, each with what a person recognises its source by (a notice's slug). */
  recent: (db: Q, limit: number, reach: OrganisationReach = 'everywhere') => {
    const within = withinReach('f', reach);
    const q = db
      .selectFrom('fanouts as f')
      .leftJoin('notices as n', (j) => j.onRef('n.id', '=', 'f.source_id').on('f.source_kind', '=', 'notice'))
      .selectAll('f')
      .select('n.slug')
      .orderBy('f.created_at', 'desc')
      .limit(limit);
    return (within ? q.where(within) : q).execute();
  },

  byId: (db: Q, id: string) => db.selectFrom('fanouts').selectAll().where('id', '=', id).executeTakeFirst(),

  /** The organisation a fan-out is sent for (null: none); undefined when there is no such fan-out. */
  ownerOf: async (db: Q, id: string): Promise<string | null | undefined> => {
    const row = await db
      .selectFrom('fanouts as f')
      .select(outboxOwner('f').as('owner'))
      .where('f.id', '=', id)
      .executeTakeFirst();
    return row && row.owner;
  },

  /** How far the fan-outs of a source's messages before `sequence` have come, oldest first. */
  progressBefore: (db: Q, sourceKind: string, sourceId: string, sequence: number) =>
    db
      .selectFrom('fanouts')
      .select(['sequence', 'status', 'attempts', 'written'])
      .where('source_kind', '=', sourceKind)
      .where('source_id', '=', sourceId)
      .where('sequence', '<', sequence)
      .orderBy('sequence')
      .execute(),
};
