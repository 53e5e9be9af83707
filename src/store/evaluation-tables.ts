import type { Insertable, Selectable } from 'kysely';

/** Table types of evaluation guides and ratings (migration 0027). */

/** An evaluator placed at a venue and/or with a team; both null: the whole exercise. */
export interface EvaluatorAssignmentTable {
  id: string;
  exercise_id: string;
  user_id: string;
  venue_id: string | null;
  team_id: string | null;
  assigned_by_id: string | null;
  assigned_by_name: string | null;
  created_at: string;
}

/** One version of the rating of one subject; never updated, a change is a new row. */
export interface RatingTable {
  id: string;
  exercise_id: string;
  /** capability_target or core_capability (core/evaluation/rating.ts). */
  subject_kind: string;
  subject_id: string;
  /** 1 for the first rating of the subject; the highest is current. */
  version: number;
  /** P, S, M or U. */
  rating: string;
  reasoning: string;
  rater_id: string;
  rater_name: string;
  recorded_at: string;
}

export interface RatingEvidenceTable {
  rating_id: string;
  position: number;
  /** observation, inject (an inject run) or player_report. */
  kind: string;
  ref_id: string;
}

export interface EvaluationTables {
  evaluator_assignments: EvaluatorAssignmentTable;
  ratings: RatingTable;
  rating_evidence: RatingEvidenceTable;
}

export type EvaluatorAssignmentRow = Selectable<EvaluatorAssignmentTable>;
export type RatingRow = Selectable<RatingTable>;
export type NewRating = Insertable<RatingTable>;
