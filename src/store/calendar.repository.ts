import type { Kysely, Selectable } from 'kysely';
import type { Database, FeedTokenTable } from './schema.js';

type Q = Kysely<Database>;
export type FeedTokenRow = Selectable<FeedTokenTable>;

/** Calendar feed tokens and the SEQUENCE numbers the feeds have published. */
export const calendarRepository = {
  insertToken: async (db: Q, row: FeedTokenRow): Promise<void> => {
    await db.insertInto('feed_tokens').values(row).execute();
  },
  getToken: (db: Q, id: string): Promise<FeedTokenRow | undefined> =>
    db.selectFrom('feed_tokens').selectAll().where('id', '=', id).executeTakeFirst(),
  tokensOf: (db: Q, userId: string): Promise<FeedTokenRow[]> =>
    db.selectFrom('feed_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at').execute(),
  revokeToken: async (db: Q, id: string, at: string): Promise<boolean> => {
    const r = await db
      .updateTable('feed_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  sequences: async (
    db: Q,
    uids: string[],
  ): Promise<Map<string, { fingerprint: string; sequence: number }>> => {
    const out = new Map<string, { fingerprint: string; sequence: number }>();
    for (let i = 0; i < uids.length; i += 500) {
      const rows = await db
        .selectFrom('calendar_sequences')
        .select(['uid', 'fingerprint', 'sequence'])
        .where('uid', 'in', uids.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.uid, { fingerprint: r.fingerprint, sequence: r.sequence });
    }
    return out;
  },
  insertSequence: async (db: Q, uid: string, fingerprint: string, at: string): Promise<void> => {
    await db
      .insertInto('calendar_sequences')
      .values({ uid, fingerprint, sequence: 0, updated_at: at })
      .onConflict((oc) => oc.column('uid').doNothing())
      .execute();
  },
  /** Bumps only if the stored fingerprint is still `previous`, so two readers bump once. */
  bumpSequence: async (db: Q, uid: string, previous: string, fingerprint: string, at: string) => {
    await db
      .updateTable('calendar_sequences')
      .set((eb) => ({ fingerprint, sequence: eb('sequence', '+', 1), updated_at: at }))
      .where('uid', '=', uid)
      .where('fingerprint', '=', previous)
      .execute();
  },
};
