import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Engine } from './db.js';
import { anyOf, onPostgres } from './pg-arrays.js';
import type { Database, WakeRow } from './schema.js';

type Q = Kysely<Database>;

const BOOK_CHUNK = 500;

/** One string per (topic, key); topics cannot contain a newline. */
export const wakeKey = (topic: string, key: string): string => `${topic}\n${key}`;

/** What a claim writes: running, one more try, held by this lease. */
const leased = (lease: WakeLease, now: string) => (eb: ExpressionBuilder<Database, 'wakes'>) => ({
  status: 'running',
  attempts: eb('attempts', '+', 1),
  locked_by: lease.owner,
  locked_until: lease.until,
  updated_at: now,
});

/** A booking as the scheduling port writes it. */
export interface NewWake {
  /** Used only when the key has no row yet; a re-booking keeps the row's id. */
  id: string;
  topic: string;
  key: string;
  at: string;
  payload: string;
}

/** Who holds a claimed wake and until when; every write after the claim is conditional on it. */
export interface WakeLease {
  owner: string;
  until: string;
}

/** The identity of one try of one booking: what a timer or a queue job carries. */
export interface WakeTry {
  id: string;
  generation: number;
  attempts: number;
}

/**
 * Queries of the scheduling port. Every change after the booking is a conditional UPDATE on the
 * row's status, generation and holder, so any number of schedulers can race: the loser's write
 * matches no row, and a timer or job for a superseded generation finds nothing to do.
 */
export const wakeRepository = {
  /**
   * Books (or re-books) each key: a new generation, pending at `at`, whatever the key's row said
   * before; returns the generations by wakeKey(topic, key). Runs inside the caller's transaction, so
   * a rollback leaves no booking behind. A key must appear once per call (PostgreSQL refuses to
   * update one row twice in a statement).
   */
  book: async (db: Q, wakes: readonly NewWake[], now: string): Promise<Map<string, number>> => {
    const generations = new Map<string, number>();
    for (let i = 0; i < wakes.length; i += BOOK_CHUNK) {
      const rows = await db
        .insertInto('wakes')
        .values(
          wakes.slice(i, i + BOOK_CHUNK).map((wake) => ({
            ...wake,
            generation: 1,
            status: 'pending',
            attempts: 0,
            pushed: 0,
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['topic', 'key']).doUpdateSet((eb) => ({
            generation: eb('wakes.generation', '+', 1),
            at: eb.ref('excluded.at'),
            payload: eb.ref('excluded.payload'),
            status: 'pending',
            attempts: 0,
            last_error: null,
            locked_by: null,
            locked_until: null,
            pushed: 0,
            updated_at: now,
          })),
        )
        .returning(['topic', 'key', 'generation'])
        .execute();
      for (const r of rows) generations.set(wakeKey(r.topic, r.key), Number(r.generation));
    }
    return generations;
  },

  /** Cancels the key's pending or running booking (a new generation); false if there was none. */
  cancel: async (db: Q, topic: string, key: string, now: string): Promise<boolean> => {
    const r = await db
      .updateTable('wakes')
      .set((eb) => ({
        generation: eb('generation', '+', 1),
        status: 'cancelled',
        locked_by: null,
        locked_until: null,
        updated_at: now,
      }))
      .where('topic', '=', topic)
      .where('key', '=', key)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /**
   * Cancels the pending bookings among these keys (a new generation each); how many. Wakes already
   * claimed are left to their handlers, whose own conditional write finds nothing to do, so this
   * never waits on a row a scheduler holds.
   */
  cancelPending: async (db: Q, topic: string, keys: readonly string[], now: string): Promise<number> => {
    if (onPostgres(db)) {
      const r = await db
        .updateTable('wakes')
        .set((eb) => ({ generation: eb('generation', '+', 1), status: 'cancelled', updated_at: now }))
        .where('topic', '=', topic)
        .where(anyOf('key', keys))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    }
    let cancelled = 0;
    for (let i = 0; i < keys.length; i += BOOK_CHUNK) {
      const r = await db
        .updateTable('wakes')
        .set((eb) => ({ generation: eb('generation', '+', 1), status: 'cancelled', updated_at: now }))
        .where('topic', '=', topic)
        .where('key', 'in', keys.slice(i, i + BOOK_CHUNK))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      cancelled += Number(r.numUpdatedRows);
    }
    return cancelled;
  },

  get: (db: Q, topic: string, key: string): Promise<WakeRow | undefined> =>
    db.selectFrom('wakes').selectAll().where('topic', '=', topic).where('key', '=', key).executeTakeFirst(),

  /**
   * Leases up to `limit` due wakes of these topics, earliest first, in one UPDATE. SKIP LOCKED on
   * PostgreSQL lets schedulers share the work; on SQLite the one UPDATE is atomic by itself. Either
   * way the `status = 'pending' and at <= now` re-check in the UPDATE is what makes a claim happen
   * once and never early.
   *
   * On PostgreSQL the candidates are taken as `id = any(array(…))`, never `id in (…)`: with a
   * freshly written table (no statistics yet, as right after STARTEX books a burst) the planner
   * may join `in (…)` as a nested loop that runs the LIMIT … SKIP LOCKED subquery again for every
   * row, and one claim of 32 then leased all 1,000 wakes of a burst. An array subquery runs once.
   */
  claimDue: async (
    db: Q,
    engine: Engine,
    topics: string[],
    limit: number,
    now: string,
    lease: WakeLease,
  ): Promise<WakeRow[]> => {
    if (!topics.length || limit <= 0) return [];
    const due = db
      .selectFrom('wakes')
      .select('id')
      .where('status', '=', 'pending')
      .where('at', '<=', now)
      .where('topic', 'in', topics)
      .orderBy('at')
      .limit(limit);
    return db
      .updateTable('wakes')
      .set(leased(lease, now))
      .where(
        engine === 'sqlite'
          ? sql<boolean>`id in ${due}`
          : sql<boolean>`id = any(array${due.forUpdate().skipLocked()})`,
      )
      .where('status', '=', 'pending')
      .where('at', '<=', now)
      .returningAll()
      .execute();
  },

  /** Leases one wake if it is still this generation, pending and due (a queue job's wake-up). */
  claimOne: async (
    db: Q,
    id: string,
    generation: number,
    now: string,
    lease: WakeLease,
  ): Promise<WakeRow | undefined> =>
    db
      .updateTable('wakes')
      .set(leased(lease, now))
      .where('id', '=', id)
      .where('generation', '=', generation)
      .where('status', '=', 'pending')
      .where('at', '<=', now)
      .returningAll()
      .executeTakeFirst(),

  /** The handler succeeded: done, if this holder still holds this generation. */
  complete: async (db: Q, row: WakeRow, owner: string, now: string): Promise<void> => {
    await held(db, row, owner)
      .set({ status: 'done', locked_by: null, locked_until: null, updated_at: now })
      .execute();
  },

  /** The handler failed: pending again at `at`, if this holder still holds this generation. */
  retryLater: async (
    db: Q,
    row: WakeRow,
    owner: string,
    at: string,
    error: string,
    now: string,
  ): Promise<void> => {
    await held(db, row, owner)
      .set({
        status: 'pending',
        at,
        last_error: error.slice(0, 2000),
        locked_by: null,
        locked_until: null,
        pushed: 0,
        updated_at: now,
      })
      .execute();
  },

  /** Keeps running wakes leased while their handlers work. */
  extendLease: async (db: Q, ids: string[], lease: WakeLease): Promise<void> => {
    if (!ids.length) return;
    await db
      .updateTable('wakes')
      .set({ locked_until: lease.until })
      .where('id', 'in', ids)
      .where('locked_by', '=', lease.owner)
      .where('status', '=', 'running')
      .execute();
  },

  /** Wakes whose holder died (its lease ran out) become pending again, due at once; how many. */
  reclaimExpired: async (db: Q, now: string): Promise<number> => {
    const r = await db
      .updateTable('wakes')
      .set({ status: 'pending', locked_by: null, locked_until: null, pushed: 0, updated_at: now })
      .where('status', '=', 'running')
      .where('locked_until', '<', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /**
   * Forgets wakes done or cancelled before `before`. Safe for a key booked again later: its new row
   * has a new id, which no timer or queue job of the old row carries.
   */
  prune: async (db: Q, before: string): Promise<void> => {
    await db
      .deleteFrom('wakes')
      .where('status', 'in', ['done', 'cancelled'])
      .where('updated_at', '<', before)
      .execute();
  },

  /** The earliest pending `at` among these topics, to arm the timer. */
  nextDue: async (db: Q, topics: string[]): Promise<string | undefined> => {
    if (!topics.length) return undefined;
    const r = await db
      .selectFrom('wakes')
      .select((eb) => eb.fn.min('at').as('next'))
      .where('status', '=', 'pending')
      .where('topic', 'in', topics)
      .executeTakeFirst();
    return (r?.next as string | null | undefined) ?? undefined;
  },

  /**
   * Pending wakes for the BullMQ relay, by id after `afterId`: those not yet in the queue, or (with
   * `all`) every pending one, or (with `dueBefore`) those overdue since then whatever the flag says.
   */
  toPush: (
    db: Q,
    limit: number,
    options: { all?: boolean; dueBefore?: string; afterId?: string } = {},
  ): Promise<WakeRow[]> => {
    let q = db
      .selectFrom('wakes')
      .selectAll()
      .where('status', '=', 'pending')
      .where('id', '>', options.afterId ?? '');
    if (options.dueBefore !== undefined) q = q.where('at', '<', options.dueBefore);
    else if (!options.all) q = q.where('pushed', '=', 0);
    return q.orderBy('id').limit(limit).execute();
  },

  /** Marks tries as in the queue, unless the row moved on meanwhile (then it is pushed again). */
  markPushed: async (db: Q, tries: readonly WakeTry[]): Promise<void> => {
    // Grouped by generation and try, so a batch of first bookings is one statement.
    const groups = new Map<string, string[]>();
    for (const t of tries) {
      const k = `${t.generation}/${t.attempts}`;
      groups.set(k, [...(groups.get(k) ?? []), t.id]);
    }
    for (const [k, ids] of groups) {
      const [generation, attempts] = k.split('/').map(Number) as [number, number];
      for (let i = 0; i < ids.length; i += 500) {
        await db
          .updateTable('wakes')
          .set({ pushed: 1 })
          .where('id', 'in', ids.slice(i, i + 500))
          .where('generation', '=', generation)
          .where('attempts', '=', attempts)
          .where('status', '=', 'pending')
          .execute();
      }
    }
  },
};

/** The row as this holder claimed it: same generation, still running, still ours. */
function held(db: Q, row: WakeRow, owner: string) {
  return db
    .updateTable('wakes')
    .where('id', '=', row.id)
    .where('generation', '=', row.generation)
    .where('locked_by', '=', owner)
    .where('status', '=', 'running');
}
