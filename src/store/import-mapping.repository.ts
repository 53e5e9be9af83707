import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** Remembered spreadsheet column mappings (migration 0004). */
export const importMappingRepository = {
  /** The first stored mapping among `owners`, in the order given (a user's own before their organisation's). */
  find: async (db: Q, owners: readonly string[], kind: string): Promise<string | null> => {
    if (owners.length === 0) return null;
    const rows = await db
      .selectFrom('import_mappings')
      .select(['owner', 'mapping'])
      .where('owner', 'in', owners)
      .where('kind', '=', kind)
      .execute();
    for (const o of owners) {
      const hit = rows.find((r) => r.owner === o);
      if (hit) return hit.mapping;
    }
    return null;
  },
  save: async (db: Q, owner: string, kind: string, mapping: string, at: string): Promise<void> => {
    await db
      .insertInto('import_mappings')
      .values({ owner, kind, mapping, updated_at: at })
      .onConflict((oc) => oc.columns(['owner', 'kind']).doUpdateSet({ mapping, updated_at: at }))
      .execute();
  },
};
