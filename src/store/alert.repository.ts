import type { Insertable, Updateable } from 'kysely';
import type { Q } from '../services/context.js';
import type { AlertRow, AlertTable } from './alert-tables.js';

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
};
