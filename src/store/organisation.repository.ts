import type { Kysely } from 'kysely';
import type { Database, OrganisationRow, UnitRow } from './schema.js';

type Q = Kysely<Database>;

export const organisationRepository = {
  list: (db: Q): Promise<OrganisationRow[]> =>
    db.selectFrom('organisations').selectAll().orderBy('name').execute(),
  get: (db: Q, id: string): Promise<OrganisationRow | undefined> =>
    db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst(),
  findByName: (db: Q, name: string): Promise<OrganisationRow | undefined> =>
    db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst(),
  insert: async (db: Q, row: OrganisationRow): Promise<void> => {
    await db.insertInto('organisations').values(row).execute();
  },
  update: async (db: Q, id: string, patch: Partial<Omit<OrganisationRow, 'id'>>): Promise<void> => {
    await db.updateTable('organisations').set(patch).where('id', '=', id).execute();
  },
  count: async (db: Q): Promise<number> => {
    const r = await db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  units: (db: Q, organisationIds: string[]): Promise<UnitRow[]> =>
    organisationIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('units')
          .selectAll()
          .where('organisation_id', 'in', organisationIds)
          .orderBy('name')
          .execute(),
  insertUnit: async (db: Q, row: UnitRow): Promise<void> => {
    await db.insertInto('units').values(row).execute();
  },
};
