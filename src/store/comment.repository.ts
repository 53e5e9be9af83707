import { sql, type Kysely } from 'kysely';
import type { BlockedAddressTable, CommentRow, CommentTable } from './public-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** A comment with what a moderator needs of its notice beside it. */
export type CommentWithNotice = CommentRow & {
  notice_slug: string;
  notice_texts: string;
  /** The notice's organisation: a comment is moderated inside it. */
  notice_organisation_id: string | null;
};

export interface CommentFilter {
  status?: string | undefined;
  noticeId?: string | undefined;
  limit?: number | undefined;
}

/** Queries for comments, blocked addresses, votes and spent challenges; the rules live in services/comments. */
export const commentRepository = {
  insert: async (db: Q, row: CommentTable): Promise<void> => {
    await db.insertInto('comments').values(row).execute();
  },
  get: (db: Q, id: string): Promise<CommentRow | undefined> =>
    db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst(),
  /** The organisation of the notice a comment is under (null: none); undefined: no such comment. */
  organisationOf: async (db: Q, id: string): Promise<string | null | undefined> => {
    const row = await db
      .selectFrom('comments')
      .innerJoin('notices', 'notices.id', 'comments.notice_id')
      .select('notices.organisation_id')
      .where('comments.id', '=', id)
      .executeTakeFirst();
    return row ? row.organisation_id : undefined;
  },
  /** Oldest first: the queue is worked from the front. */
  list: (db: Q, f: CommentFilter = {}): Promise<CommentWithNotice[]> => {
    let q = db
      .selectFrom('comments')
      .innerJoin('notices', 'notices.id', 'comments.notice_id')
      .selectAll('comments')
      .select([
        'notices.slug as notice_slug',
        'notices.texts as notice_texts',
        'notices.organisation_id as notice_organisation_id',
      ])
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .limit(f.limit ?? 500);
    if (f.status) q = q.where('comments.status', '=', f.status);
    if (f.noticeId) q = q.where('comments.notice_id', '=', f.noticeId);
    return q.execute();
  },
  approvedFor: (
    db: Q,
    noticeId: string,
  ): Promise<Pick<CommentRow, 'id' | 'name' | 'body' | 'created_at'>[]> =>
    db
      .selectFrom('comments')
      .select(['id', 'name', 'body', 'created_at'])
      .where('notice_id', '=', noticeId)
      .where('status', '=', 'approved')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  /** Counts per status; with `organisations`, only under those organisations' notices. */
  countByStatus: (
    db: Q,
    organisations?: readonly string[],
  ): Promise<{ status: string; n: string | number }[]> => {
    let q = db
      .selectFrom('comments')
      .innerJoin('notices', 'notices.id', 'comments.notice_id')
      .select(['comments.status as status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('comments.status');
    if (organisations)
      q =
        organisations.length === 0
          ? q.where(sql<boolean>`1 = 0`)
          : q.where('notices.organisation_id', 'in', organisations);
    return q.execute();
  },
  /** How many comments arrived since `since` for a sender or a notice, and the oldest of them. */
  usageSince: async (
    db: Q,
    column: 'email_hash' | 'client_hash' | 'notice_id',
    value: string,
    since: string,
  ): Promise<{ count: number; oldest: string | null }> => {
    const r = await db
      .selectFrom('comments')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where(column, '=', value)
      .where('created_at', '>', since)
      .executeTakeFirst();
    return { count: Number(r?.n ?? 0), oldest: (r?.oldest as string | null | undefined) ?? null };
  },
  /** Conditional on the status it was read in, so two moderators cannot both decide one comment. */
  moderate: async (
    db: Q,
    id: string,
    from: string,
    patch: Pick<CommentTable, 'status' | 'reason' | 'moderated_by' | 'moderated_at'>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('comments')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Rejects every pending comment from an address; returns their ids. */
  rejectPendingFrom: async (
    db: Q,
    emailHash: string,
    patch: Pick<CommentTable, 'reason' | 'moderated_by' | 'moderated_at'>,
  ): Promise<string[]> => {
    const ids = (
      await db
        .selectFrom('comments')
        .select('id')
        .where('email_hash', '=', emailHash)
        .where('status', '=', 'pending')
        .execute()
    ).map((r) => r.id);
    if (ids.length)
      await db
        .updateTable('comments')
        .set({ ...patch, status: 'rejected' })
        .where('id', 'in', ids)
        .where('status', '=', 'pending')
        .execute();
    return ids;
  },
  /** The newest address seen for a hash, for a moderator reading the blocked list. */
  emailOf: async (db: Q, emailHash: string): Promise<string | null> =>
    (
      await db
        .selectFrom('comments')
        .select('email')
        .where('email_hash', '=', emailHash)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst()
    )?.email ?? null,
};

export const blockedAddressRepository = {
  get: (db: Q, emailHash: string): Promise<BlockedAddressTable | undefined> =>
    db.selectFrom('blocked_addresses').selectAll().where('email_hash', '=', emailHash).executeTakeFirst(),
  list: (db: Q): Promise<BlockedAddressTable[]> =>
    db.selectFrom('blocked_addresses').selectAll().orderBy('created_at', 'desc').execute(),
  /** False when the address was blocked already. */
  insert: async (db: Q, row: BlockedAddressTable): Promise<boolean> => {
    const r = await db
      .insertInto('blocked_addresses')
      .values(row)
      .onConflict((oc) => oc.column('email_hash').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  remove: async (db: Q, emailHash: string): Promise<boolean> => {
    const r = await db.deleteFrom('blocked_addresses').where('email_hash', '=', emailHash).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },
};

export const voteRepository = {
  /** False when this reader already voted on this notice today. */
  insert: async (
    db: Q,
    row: { notice_id: string; voter_hash: string; useful: number; created_at: string },
  ): Promise<boolean> => {
    const r = await db
      .insertInto('notice_votes')
      .values(row)
      .onConflict((oc) => oc.columns(['notice_id', 'voter_hash']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  counts: async (db: Q, noticeId: string): Promise<{ yes: number; no: number }> => {
    const rows = await db
      .selectFrom('notice_votes')
      .select(['useful', (eb) => eb.fn.countAll<string>().as('n')])
      .where('notice_id', '=', noticeId)
      .groupBy('useful')
      .execute();
    const of = (v: number) => Number(rows.find((r) => Number(r.useful) === v)?.n ?? 0);
    return { yes: of(1), no: of(0) };
  },
};

export const challengeRepository = {
  /** Records a challenge as spent; false when it was spent before. */
  spend: async (db: Q, id: string, expiresAt: string): Promise<boolean> => {
    const r = await db
      .insertInto('spent_challenges')
      .values({ id, expires_at: expiresAt })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  /** Expired challenges are refused by their signature alone; their rows are no longer needed. */
  forgetExpired: async (db: Q, before: string): Promise<void> => {
    await db.deleteFrom('spent_challenges').where('expires_at', '<', before).execute();
  },
};

/** A setting written only if absent, so two processes starting together agree on one value. */
export async function insertSettingOnce(db: Q, key: string, value: string, at: string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}
