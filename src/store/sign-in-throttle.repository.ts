import type { Kysely } from 'kysely';
import type { Database, SignInThrottleRow } from './schema.js';

type Q = Kysely<Database>;

/** Queries for sign-in throttling; the rules are in core/auth/throttle.ts and auth.service.ts. */
export const signInThrottleRepository = {
  get: (db: Q, userId: string, source: string): Promise<SignInThrottleRow | undefined> =>
    db
      .selectFrom('sign_in_throttle')
      .selectAll()
      .where('user_id', '=', userId)
      .where('source', '=', source)
      .executeTakeFirst(),

  /**
   * Counts one more failure for (user, source) and returns the source's count. A row whose last
   * failure is before `forgetBefore` starts again from 1. One upsert, so concurrent failures from
   * several API processes all count.
   */
  addFailure: async (
    db: Q,
    userId: string,
    source: string,
    at: string,
    forgetBefore: string,
  ): Promise<number> => {
    await db
      .deleteFrom('sign_in_throttle')
      .where('user_id', '=', userId)
      .where('source', '=', source)
      .where('last_failure_at', '<', forgetBefore)
      .execute();
    const row = await db
      .insertInto('sign_in_throttle')
      .values({ user_id: userId, source, failures: 1, last_failure_at: at, wait_until: null })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'source'])
          .doUpdateSet((eb) => ({ failures: eb('sign_in_throttle.failures', '+', 1), last_failure_at: at })),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return Number(row.failures);
  },

  setWait: async (db: Q, userId: string, source: string, until: string | null): Promise<void> => {
    await db
      .updateTable('sign_in_throttle')
      .set({ wait_until: until })
      .where('user_id', '=', userId)
      .where('source', '=', source)
      .execute();
  },

  /** Failures for the account from every source since `since`. */
  accountFailures: async (db: Q, userId: string, since: string): Promise<number> => {
    const r = await db
      .selectFrom('sign_in_throttle')
      .where('user_id', '=', userId)
      .where('last_failure_at', '>=', since)
      .select((eb) => eb.fn.sum<string | number>('failures').as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  /** A correct password from this source: its slate is clean. */
  clear: async (db: Q, userId: string, source: string): Promise<void> => {
    await db
      .deleteFrom('sign_in_throttle')
      .where('user_id', '=', userId)
      .where('source', '=', source)
      .execute();
  },

  /** Every source's record for the account (a new password makes old guesses moot). */
  clearAccount: async (db: Q, userId: string): Promise<void> => {
    await db.deleteFrom('sign_in_throttle').where('user_id', '=', userId).execute();
  },

  /** Drops rows whose failures are forgotten and whose wait is over; returns how many. */
  prune: async (db: Q, forgetBefore: string, now: string): Promise<number> => {
    const r = await db
      .deleteFrom('sign_in_throttle')
      .where('last_failure_at', '<', forgetBefore)
      .where((eb) => eb.or([eb('wait_until', 'is', null), eb('wait_until', '<=', now)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
