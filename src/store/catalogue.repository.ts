import type { Kysely, Selectable } from 'kysely';
import type { Database, InjectCatalogueTable } from './schema.js';

type Q = Kysely<Database>;
export type CatalogueRow = Selectable<InjectCatalogueTable>;

/** The reusable inject catalogue. */
export const catalogueRepository = {
  list: (
    db: Q,
    f: { hazard?: string | undefined; capability?: string | undefined },
  ): Promise<CatalogueRow[]> => {
    let q = db.selectFrom('inject_catalogue').selectAll();
    if (f.hazard) q = q.where('hazard', '=', f.hazard);
    if (f.capability) q = q.where('core_capability_id', '=', f.capability);
    return q.orderBy('hazard').orderBy('title').orderBy('id').execute();
  },
  get: (db: Q, ids: string[]): Promise<CatalogueRow[]> =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('inject_catalogue').selectAll().where('id', 'in', ids).execute(),
  insert: async (db: Q, row: CatalogueRow): Promise<void> => {
    await db.insertInto('inject_catalogue').values(row).execute();
  },
  delete: async (db: Q, id: string): Promise<number> =>
    Number((await db.deleteFrom('inject_catalogue').where('id', '=', id).executeTakeFirst()).numDeletedRows),
};
