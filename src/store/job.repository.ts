import type { Kysely } from 'kysely';
import type { Engine } from './db.js';
import type { Database, JobRow } from './schema.js';

type Q = Kysely<Database>;

/** A job as the embedded queue stores it on enqueue. */
export interface NewJob {
  id: string;
  name: string;
  payload: string;
  runAt: string;
}

/** Who holds a claimed job and until when; every write after the claim is conditional on it. */
export interface Lease {
  owner: string;
  until: string;
}

const INSERT_CHUNK = 500;

/**
 * Queries of the embedded job queue. Every state change is a conditional UPDATE, so two pollers on
 * one database can race freely: the loser's write matches no row.
 */
export const jobRepository = {
  /** Inserts jobs whose id is new; a known id is left as it is, which makes enqueue idempotent. */
  insert: async (db: Q, jobs: readonly NewJob[], now: string): Promise<void> => {
    for (let i = 0; i < jobs.length; i += INSERT_CHUNK) {
      const rows = jobs.slice(i, i + INSERT_CHUNK).map((j) => ({
        id: j.id,
        name: j.name,
        payload: j.payload,
        status: 'waiting',
        run_at: j.runAt,
        attempts: 0,
        created_at: now,
        updated_at: now,
      }));
      await db
        .insertInto('jobs')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  },

  /**
   * Takes up to `limit` due jobs of one name and leases them. On PostgreSQL the rows are picked
   * with SKIP LOCKED so concurrent pollers share the work instead of queueing behind each other;
   * on SQLite the single UPDATE statement is atomic by itself. Either way the `status = 'waiting'`
   * re-check in the UPDATE is what guarantees one job is never claimed twice.
   */
  claim: async (
    db: Q,
    engine: Engine,
    name: string,
    limit: number,
    now: string,
    lease: Lease,
  ): Promise<JobRow[]> => {
    const due = db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', name)
      .where('status', '=', 'waiting')
      .where('run_at', '<=', now)
      .orderBy('run_at')
      .limit(limit);
    const take = (q: Q, ids: string[] | typeof due) =>
      q
        .updateTable('jobs')
        .set((eb) => ({
          status: 'active',
          attempts: eb('attempts', '+', 1),
          locked_by: lease.owner,
          locked_until: lease.until,
          updated_at: now,
        }))
        .where('id', 'in', ids)
        .where('status', '=', 'waiting')
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

  complete: async (db: Q, id: string, owner: string, now: string): Promise<void> => {
    await finish(db, id, owner).set({ status: 'completed', finished_at: now, updated_at: now }).execute();
  },

  /** Back to waiting for another try at `runAt`. */
  reschedule: async (
    db: Q,
    id: string,
    owner: string,
    runAt: string,
    error: string,
    now: string,
  ): Promise<void> => {
    await finish(db, id, owner)
      .set({ status: 'waiting', run_at: runAt, last_error: error, updated_at: now })
      .execute();
  },

  fail: async (db: Q, id: string, owner: string, error: string, now: string): Promise<void> => {
    await finish(db, id, owner)
      .set({ status: 'failed', last_error: error, finished_at: now, updated_at: now })
      .execute();
  },

  /** Keeps running jobs leased while their handlers work. */
  extendLease: async (db: Q, ids: string[], lease: Lease): Promise<void> => {
    if (!ids.length) return;
    await db
      .updateTable('jobs')
      .set({ locked_until: lease.until })
      .where('id', 'in', ids)
      .where('locked_by', '=', lease.owner)
      .where('status', '=', 'active')
      .execute();
  },

  /** Jobs whose holder died (its lease ran out) become waiting again; returns how many. */
  reclaimExpired: async (db: Q, now: string): Promise<number> => {
    const r = await db
      .updateTable('jobs')
      .set({ status: 'waiting', locked_by: null, locked_until: null, updated_at: now })
      .where('status', '=', 'active')
      .where('locked_until', '<', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** The earliest run_at among waiting jobs of these names, to know when to wake next. */
  nextRunAt: async (db: Q, names: string[]): Promise<string | undefined> => {
    if (!names.length) return undefined;
    const r = await db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('run_at').as('next'))
      .where('name', 'in', names)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return (r?.next as string | null | undefined) ?? undefined;
  },

  /** Rows per name and status, and how many of the waiting ones are not yet due. */
  counts: async (db: Q, names: string[], now: string) => {
    if (!names.length) return { byStatus: [], delayed: [] };
    const byStatus = await db
      .selectFrom('jobs')
      .select(['name', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('name', 'in', names)
      .groupBy(['name', 'status'])
      .execute();
    const delayed = await db
      .selectFrom('jobs')
      .select(['name', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('name', 'in', names)
      .where('status', '=', 'waiting')
      .where('run_at', '>', now)
      .groupBy('name')
      .execute();
    return { byStatus, delayed };
  },

  failed: (db: Q, name: string, limit: number): Promise<JobRow[]> =>
    db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', name)
      .where('status', '=', 'failed')
      .orderBy('finished_at', 'desc')
      .limit(limit)
      .execute(),

  /** A failed job starts over with fresh attempts; false when there is no such failed job. */
  retry: async (db: Q, id: string, now: string): Promise<boolean> => {
    const r = await db
      .updateTable('jobs')
      .set({ status: 'waiting', attempts: 0, run_at: now, finished_at: null, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Forgets completed jobs finished before `before`; their ids stop de-duplicating then. */
  prune: async (db: Q, before: string): Promise<void> => {
    await db.deleteFrom('jobs').where('status', '=', 'completed').where('finished_at', '<', before).execute();
  },
};

/** The end of an attempt, written only while this holder still owns the job. */
function finish(db: Q, id: string, owner: string) {
  return db
    .updateTable('jobs')
    .set({ locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', owner)
    .where('status', '=', 'active');
}
