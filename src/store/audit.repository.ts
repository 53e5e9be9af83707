import { sql, type Kysely } from 'kysely';
import { insertRows, type PgElement } from './pg-arrays.js';
import type { AuditRow, Database } from './schema.js';
import { auditWithin } from './audit-reach.js';
import type { OrganisationReach } from './reach.js';

type Q = Kysely<Database>;

const COLUMNS: Record<keyof AuditRow, PgElement> = {
  seq: 'int4',
  at: 'text',
  actor_id: 'text',
  actor_name: 'text',
  action: 'text',
  subject_type: 'text',
  subject_id: 'text',
  detail: 'text',
  prev_hash: 'text',
  hash: 'text',
};

export const auditRepository = {
  last: (db: Q): Promise<AuditRow | undefined> =>
    db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst(),
  /** One entry, or a batch appended under one lock: one statement on PostgreSQL, 200 rows a statement on SQLite. */
  insert: (db: Q, rows: AuditRow | readonly AuditRow[]): Promise<void> =>
    insertRows(db, 'audit_log', COLUMNS, rows),
  /** Newest first, `before` a sequence number for paging. */
  /** Newest first; only the entries about organisations in `reach` (docs/decisions/0057). */
  page: (
    db: Q,
    limit: number,
    before?: number,
    reach: OrganisationReach = 'everywhere',
  ): Promise<AuditRow[]> => {
    let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
    if (before !== undefined) q = q.where('seq', '<', before);
    const within = auditWithin(reach);
    if (within) q = q.where(within);
    return q.execute();
  },
  /** Oldest first, in chunks, so verifying a long log does not hold it all in memory. */
  chunk: (db: Q, afterSeq: number, size: number): Promise<AuditRow[]> =>
    db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(size).execute(),
  count: async (db: Q): Promise<number> => {
    const r = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  /** Serialises appenders on PostgreSQL for the rest of the transaction; SQLite writers are serial already. */
  lockForAppend: async (db: Q, engine: 'sqlite' | 'postgres'): Promise<void> => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(4242001)`.execute(db);
  },
};

export const settingRepository = {
  get: async (db: Q, key: string): Promise<string | undefined> =>
    (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value,
  set: async (db: Q, key: string, value: string, at: string): Promise<void> => {
    await db
      .insertInto('settings')
      .values({ key, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  },
};
