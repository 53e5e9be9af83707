import { sql, type Kysely } from 'kysely';
import type { EventRow } from './event-tables.js';
import { insertRows, type PgElement } from './pg-arrays.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** The same transaction-scoped lock the audit chain takes (audit.repository.ts), for the reason in 0009. */
const APPEND_LOCK = 4242001;

const COLUMNS: Record<keyof EventRow, PgElement> = {
  seq: 'int4',
  at: 'text',
  type: 'text',
  permission: 'text',
  organisation_id: 'text',
  exercise_id: 'text',
  subject_type: 'text',
  subject_id: 'text',
  payload: 'text',
  user_id: 'text',
};

export const eventRepository = {
  /**
   * Serialises numbering on PostgreSQL until the transaction ends, so event numbers commit in
   * order; SQLite writers are serial already. Re-entrant: a transaction that audited holds it.
   */
  lockForAppend: async (db: Q, engine: 'sqlite' | 'postgres'): Promise<void> => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(APPEND_LOCK)})`.execute(db);
  },
  lastSeq: async (db: Q): Promise<number> => {
    const r = await db.selectFrom('events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return r ? Number(r.seq) : 0;
  },
  firstSeq: async (db: Q): Promise<number | null> => {
    const r = await db.selectFrom('events').select('seq').orderBy('seq').limit(1).executeTakeFirst();
    return r ? Number(r.seq) : null;
  },
  /** One event, or a batch appended under one lock: one statement on PostgreSQL, 200 rows a statement on SQLite. */
  insert: (db: Q, rows: EventRow | readonly EventRow[]): Promise<void> =>
    insertRows(db, 'events', COLUMNS, rows),
  /** Oldest first, after `seq`. */
  after: (db: Q, seq: number, limit: number): Promise<EventRow[]> =>
    db.selectFrom('events').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute(),
  /** Wakes every process LISTENing on `channel` when the transaction commits (PostgreSQL only). */
  notify: async (db: Q, channel: string, seq: number): Promise<void> => {
    await sql`select pg_notify(${channel}, ${String(seq)})`.execute(db);
  },
  /**
   * Deletes events older than `before`, always keeping the newest so the numbering carries on
   * from it (the next number is the newest plus one).
   */
  pruneBefore: async (db: Q, before: string): Promise<number> => {
    const newest = await eventRepository.lastSeq(db);
    const r = await db
      .deleteFrom('events')
      .where('at', '<', before)
      .where('seq', '<', newest)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
