import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database, SessionRow } from './schema.js';

type Q = Kysely<Database>;

export const sessionRepository = {
  insert: async (db: Q, row: SessionRow): Promise<void> => {
    await db.insertInto('sessions').values(row).execute();
  },
  get: (db: Q, id: string): Promise<SessionRow | undefined> =>
    db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
  touch: async (db: Q, id: string, at: string): Promise<void> => {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  },
  delete: async (db: Q, id: string): Promise<void> => {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
  },
  deleteForUser: async (db: Q, userId: string): Promise<void> => {
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  },
  deleteExpired: async (db: Q, now: string): Promise<void> => {
    await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  },
  countActive: async (db: Q, now: string): Promise<number> => {
    const r = await db
      .selectFrom('sessions')
      .where('expires_at', '>', now)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
};

export const tokenRepository = {
  insert: async (db: Q, row: ApiTokenRow): Promise<void> => {
    await db.insertInto('api_tokens').values(row).execute();
  },
  get: (db: Q, id: string): Promise<ApiTokenRow | undefined> =>
    db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst(),
  listForUser: (db: Q, userId: string): Promise<ApiTokenRow[]> =>
    db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute(),
  revoke: async (db: Q, id: string, at: string): Promise<void> => {
    await db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  },
  /** Tokens of the user that still work at `now`: neither revoked nor expired. */
  liveForUser: (db: Q, userId: string, now: string): Promise<ApiTokenRow[]> =>
    db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at')
      .execute(),
  markUsed: async (db: Q, id: string, at: string): Promise<void> => {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  },
};
