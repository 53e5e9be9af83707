import type { Kysely } from 'kysely';
import type { EvidenceKind, EvidenceRef, RatedKind, Rating } from '../core/evaluation/rating.js';
import type {
  EvaluatorAssignmentRow,
  EvaluatorAssignmentTable,
  NewRating,
  RatingRow,
} from './evaluation-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** The rating in force for one capability target or core capability, as the report reads it. */
export interface CurrentRating {
  subjectKind: RatedKind;
  subjectId: string;
  rating: Rating;
  reasoning: string;
  rater: { id: string; name: string };
  recordedAt: string;
  version: number;
  evidence: EvidenceRef[];
}

async function evidenceOf(db: Q, ratingIds: readonly string[]): Promise<Map<string, EvidenceRef[]>> {
  const out = new Map<string, EvidenceRef[]>();
  if (ratingIds.length === 0) return out;
  const rows = await db
    .selectFrom('rating_evidence')
    .selectAll()
    .where('rating_id', 'in', ratingIds)
    .orderBy('rating_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.rating_id) ?? [];
    list.push({ kind: r.kind as EvidenceKind, id: r.ref_id });
    out.set(r.rating_id, list);
  }
  return out;
}

/** Rows of one exercise that are the highest version of their subject. */
const currentRows = (db: Q, exerciseId: string): Promise<RatingRow[]> =>
  db
    .selectFrom('ratings as r')
    .selectAll('r')
    .where('r.exercise_id', '=', exerciseId)
    .where(({ eb, selectFrom }) =>
      eb(
        'r.version',
        '=',
        selectFrom('ratings as l')
          .select((e) => e.fn.max('l.version').as('v'))
          .whereRef('l.exercise_id', '=', 'r.exercise_id')
          .whereRef('l.subject_kind', '=', 'r.subject_kind')
          .whereRef('l.subject_id', '=', 'r.subject_id'),
      ),
    )
    .orderBy('r.subject_kind')
    .orderBy('r.subject_id')
    .execute();

const toCurrent = (r: RatingRow, evidence: Map<string, EvidenceRef[]>): CurrentRating => ({
  subjectKind: r.subject_kind as RatedKind,
  subjectId: r.subject_id,
  rating: r.rating as Rating,
  reasoning: r.reasoning,
  rater: { id: r.rater_id, name: r.rater_name },
  recordedAt: r.recorded_at,
  version: Number(r.version),
  evidence: evidence.get(r.id) ?? [],
});

/** Queries of evaluator assignments and P/S/M/U ratings (migration 0027). */
export const evaluationRepository = {
  assignments: (db: Q, exerciseId: string): Promise<(EvaluatorAssignmentRow & { user_name: string })[]> =>
    db
      .selectFrom('evaluator_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .selectAll('a')
      .select('u.display_name as user_name')
      .where('a.exercise_id', '=', exerciseId)
      .orderBy('u.display_name')
      .orderBy('a.created_at')
      .execute(),

  insertAssignment: async (db: Q, row: EvaluatorAssignmentTable) =>
    void (await db.insertInto('evaluator_assignments').values(row).execute()),

  /** True when a row of this exercise was removed. */
  deleteAssignment: async (db: Q, exerciseId: string, id: string): Promise<boolean> => {
    const r = await db
      .deleteFrom('evaluator_assignments')
      .where('exercise_id', '=', exerciseId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },

  /** Users holding the evaluator role somewhere, with the scope of each such grant. */
  evaluatorGrants: (db: Q) =>
    db
      .selectFrom('grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['u.id as user_id', 'u.display_name', 'g.organisation_id', 'g.exercise_id'])
      .where('g.role', '=', 'evaluator')
      .where('u.disabled', '=', 0)
      .orderBy('u.display_name')
      .execute(),

  latestVersion: async (db: Q, exerciseId: string, kind: RatedKind, subjectId: string): Promise<number> => {
    const row = await db
      .selectFrom('ratings')
      .select((e) => e.fn.max('version').as('v'))
      .where('exercise_id', '=', exerciseId)
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  },

  /**
   * Appends one version with its evidence. The unique (exercise, subject, version) key makes a second
   * writer of the same version fail here, inside its transaction, rather than overwrite.
   */
  insertRating: async (db: Q, row: NewRating, evidence: readonly EvidenceRef[]) => {
    await db.insertInto('ratings').values(row).execute();
    if (evidence.length)
      await db
        .insertInto('rating_evidence')
        .values(evidence.map((e, position) => ({ rating_id: row.id, position, kind: e.kind, ref_id: e.id })))
        .execute();
  },

  /** Every version of every rating of the exercise, newest first, each with its evidence. */
  history: async (db: Q, exerciseId: string) => {
    const rows = await db
      .selectFrom('ratings')
      .selectAll()
      .where('exercise_id', '=', exerciseId)
      .orderBy('subject_kind')
      .orderBy('subject_id')
      .orderBy('version', 'desc')
      .execute();
    const evidence = await evidenceOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toCurrent(r, evidence));
  },
};

/**
 * The rating in force for each capability target and core capability of the exercise: the mark,
 * its reasoning, who rated it and when, and the evidence it rests on. What the after-action report
 * reads; a subject never rated is absent.
 */
export async function currentRatings(db: Q, exerciseId: string): Promise<CurrentRating[]> {
  const rows = await currentRows(db, exerciseId);
  const evidence = await evidenceOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toCurrent(r, evidence));
}
