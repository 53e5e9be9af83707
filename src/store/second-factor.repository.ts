import type { Q } from '../services/context.js';
import type { SecondFactorRow } from './alert-tables.js';

/** One second factor per person. */
export const secondFactorRepository = {
  get: (db: Q, userId: string): Promise<SecondFactorRow | undefined> =>
    db.selectFrom('second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst(),

  /** Starts (or restarts) an enrolment: a new secret, unconfirmed, no code used yet. */
  begin: async (db: Q, userId: string, secret: string, at: string): Promise<void> => {
    await db.deleteFrom('second_factors').where('user_id', '=', userId).execute();
    await db
      .insertInto('second_factors')
      .values({
        user_id: userId,
        kind: 'totp',
        secret,
        confirmed_at: null,
        last_step: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  },

  /**
   * Records an accepted code's step, only if no code at or after it was accepted meanwhile: two
   * requests racing with the same code cannot both win. True when this call recorded it.
   */
  useStep: async (db: Q, userId: string, step: number, at: string, confirm: boolean): Promise<boolean> => {
    const result = await db
      .updateTable('second_factors')
      .set({ last_step: step, updated_at: at, ...(confirm ? { confirmed_at: at } : {}) })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  remove: async (db: Q, userId: string): Promise<boolean> => {
    const r = await db.deleteFrom('second_factors').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
};
