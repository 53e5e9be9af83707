import { sql, type Insertable, type Updateable } from 'kysely';
import { LATENCY_EDGES_S, type DeliveryGroup, type LatencyGroup } from '../core/alert/report.js';
import type { Q } from '../services/context.js';
import type { AlertRow, AlertTable } from './alert-tables.js';
import type { Engine } from './db.js';

/** Milliseconds from an alert message's approval to its delivery's acceptance, as each engine says it. */
const sinceApproval = (engine: Engine) =>
  engine === 'sqlite'
    ? sql<number>`(julianday(d.acknowledged_at) - julianday(a.approved_at)) * 86400000.0`
    : sql<number>`extract(epoch from (d.acknowledged_at::timestamptz - a.approved_at::timestamptz)) * 1000`;

/** The bucket index a latency falls in: the first edge it does not exceed, else one past the last. */
const bucketOf = (engine: Engine) => {
  const ms = sinceApproval(engine);
  const whens = LATENCY_EDGES_S.map((edge, i) => sql`when ${ms} <= ${edge * 1000} then ${i}`);
  return sql<number>`case ${sql.join(whens, sql` `)} else ${LATENCY_EDGES_S.length} end`;
};

export interface AlertFilter {
  state?: string | undefined;
  status?: string | undefined;
}

/** Alert messages, one row each; a thread is the original and the Updates and Cancels made from it. */
export const alertRepository = {
  get: (db: Q, id: string): Promise<AlertRow | undefined> =>
    db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst(),

  list: (db: Q, f: AlertFilter = {}): Promise<AlertRow[]> => {
    let q = db.selectFrom('alerts').selectAll();
    if (f.state) q = q.where('state', '=', f.state);
    if (f.status) q = q.where('status', '=', f.status);
    return q.orderBy('updated_at', 'desc').orderBy('id').limit(500).execute();
  },

  /** Every message of a thread, oldest first. */
  thread: (db: Q, threadId: string): Promise<AlertRow[]> =>
    db.selectFrom('alerts').selectAll().where('thread_id', '=', threadId).orderBy('sequence').execute(),

  insert: async (db: Q, row: Insertable<AlertTable>): Promise<void> => {
    await db.insertInto('alerts').values(row).execute();
  },

  /** Optimistic: writes only when nobody changed the message since `version` was read. */
  update: async (db: Q, id: string, version: number, patch: Updateable<AlertTable>): Promise<boolean> => {
    const r = await db
      .updateTable('alerts')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** A thread's deliveries counted per message, channel and status, with the first and last hand-over. */
  deliveryGroups: async (db: Q, threadId: string): Promise<DeliveryGroup[]> => {
    const rows = await db
      .selectFrom('deliveries')
      .select((eb) => [
        'sequence',
        'channel',
        'status',
        eb.fn.countAll<number | string>().as('count'),
        eb.fn.count<number | string>('delivered_at').as('delivered'),
        eb.fn.min('handed_at').as('firstHandedAt'),
        eb.fn.max('handed_at').as('lastHandedAt'),
      ])
      .where('source_kind', '=', 'alert')
      .where('source_id', '=', threadId)
      .groupBy(['sequence', 'channel', 'status'])
      .execute();
    return rows.map((r) => ({
      ...r,
      count: Number(r.count),
      delivered: Number(r.delivered),
      firstHandedAt: r.firstHandedAt as string | null,
      lastHandedAt: r.lastHandedAt as string | null,
    }));
  },

  /** A thread's accepted deliveries counted per message, channel and latency bucket since approval. */
  latencyGroups: async (db: Q, engine: Engine, threadId: string): Promise<LatencyGroup[]> => {
    const rows = await db
      .selectFrom('deliveries as d')
      .innerJoin('alerts as a', (j) =>
        j.onRef('a.thread_id', '=', 'd.source_id').onRef('a.sequence', '=', 'd.sequence'),
      )
      .select((eb) => [
        'd.sequence as sequence',
        'd.channel as channel',
        bucketOf(engine).as('bucket'),
        eb.fn.countAll<number | string>().as('count'),
      ])
      .where('d.source_kind', '=', 'alert')
      .where('d.source_id', '=', threadId)
      .where('d.acknowledged_at', 'is not', null)
      .where('a.approved_at', 'is not', null)
      .groupBy(['d.sequence', 'd.channel', sql`3`])
      .execute();
    return rows.map((r) => ({ ...r, bucket: Number(r.bucket), count: Number(r.count) }));
  },
};
