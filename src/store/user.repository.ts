import type { Kysely } from 'kysely';
import type { Database, GrantRow, UserRow, UserUpdate } from './schema.js';

type Q = Kysely<Database>;

export const userRepository = {
  list: (db: Q): Promise<UserRow[]> => db.selectFrom('users').selectAll().orderBy('username').execute(),
  get: (db: Q, id: string): Promise<UserRow | undefined> =>
    db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  findByUsername: (db: Q, username: string): Promise<UserRow | undefined> =>
    db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
  insert: async (db: Q, row: UserRow): Promise<void> => {
    await db.insertInto('users').values(row).execute();
  },
  update: async (db: Q, id: string, patch: UserUpdate): Promise<void> => {
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
  },
  count: async (db: Q): Promise<number> => {
    const r = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  grants: (db: Q, userIds: string[]): Promise<GrantRow[]> =>
    userIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('grants').selectAll().where('user_id', 'in', userIds).orderBy('created_at').execute(),
  getGrant: (db: Q, id: string): Promise<GrantRow | undefined> =>
    db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst(),
  insertGrant: async (db: Q, row: GrantRow): Promise<void> => {
    await db.insertInto('grants').values(row).execute();
  },
  deleteGrant: async (db: Q, id: string): Promise<void> => {
    await db.deleteFrom('grants').where('id', '=', id).execute();
  },
  countAdmins: async (db: Q): Promise<number> => {
    const r = await db
      .selectFrom('grants')
      .innerJoin('users', 'users.id', 'grants.user_id')
      .where('grants.role', '=', 'admin')
      .where('grants.organisation_id', 'is', null)
      .where('users.disabled', '=', 0)
      .select((eb) => eb.fn.count<string>('users.id').distinct().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
};
