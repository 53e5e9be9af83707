import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SurveyResponseTable, SurveyTable } from './survey-tables.js';

type Q = Kysely<Database>;

/** Queries of the hot-wash survey; services decide who may ask them. */
export const surveyRepository = {
  get: (db: Q, exerciseId: string) =>
    db.selectFrom('surveys').selectAll().where('exercise_id', '=', exerciseId).executeTakeFirst(),

  /** Inserts the survey, or does nothing when it exists (ENDEX keeps what planners wrote). */
  insertIfMissing: (db: Q, row: SurveyTable) =>
    db
      .insertInto('surveys')
      .values(row)
      .onConflict((oc) => oc.column('exercise_id').doNothing())
      .execute(),

  /** Replaces the questions if the survey is still at `version` and unsent; false otherwise. */
  update: async (
    db: Q,
    exerciseId: string,
    version: number,
    change: Pick<SurveyTable, 'questions' | 'updated_at' | 'updated_by'>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('surveys')
      .set({ ...change, version: version + 1 })
      .where('exercise_id', '=', exerciseId)
      .where('version', '=', version)
      .where('sent_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Stamps the survey sent once; false when it already was. */
  markSent: async (db: Q, exerciseId: string, at: string): Promise<boolean> => {
    const r = await db
      .updateTable('surveys')
      .set({ sent_at: at })
      .where('exercise_id', '=', exerciseId)
      .where('sent_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Stores one response; false when this respondent already answered. */
  insertResponse: async (db: Q, row: SurveyResponseTable): Promise<boolean> => {
    const r = await db
      .insertInto('survey_responses')
      .values(row)
      .onConflict((oc) => oc.columns(['exercise_id', 'respondent']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  answered: async (db: Q, exerciseId: string, respondent: string) =>
    db
      .selectFrom('survey_responses')
      .select(['created_at', 'anonymous'])
      .where('exercise_id', '=', exerciseId)
      .where('respondent', '=', respondent)
      .executeTakeFirst(),

  /** Every response's role and answers, oldest first; never who gave them. */
  responses: (db: Q, exerciseId: string) =>
    db
      .selectFrom('survey_responses')
      .select(['role', 'answers', 'anonymous'])
      .where('exercise_id', '=', exerciseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),

  /** The exercise's people with an account or a contact, by exercise role: whom the survey reaches. */
  invitedByRole: (db: Q, exerciseId: string) =>
    db
      .selectFrom('exercise_people as p')
      .select(['p.role', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('p.exercise_id', '=', exerciseId)
      .where((eb) =>
        eb.or([
          eb('p.user_id', 'is not', null),
          eb.exists(
            eb
              .selectFrom('exercise_contacts as c')
              .select('c.id')
              .whereRef('c.person_id', '=', 'p.id')
              .where('c.exercise_id', '=', exerciseId),
          ),
        ]),
      )
      .groupBy('p.role')
      .execute(),

  /** The account's seats in the exercise (any role), first listed first. */
  seats: (db: Q, exerciseId: string, userId: string) =>
    db
      .selectFrom('exercise_people')
      .select(['id', 'role', 'name'])
      .where('exercise_id', '=', exerciseId)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute(),
};
