import type { Selectable } from 'kysely';

/** Table types of the hot-wash survey (migration 0029). */

export interface SurveyTable {
  exercise_id: string;
  /** JSON of SurveyQuestion[] (src/core/survey). */
  questions: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
  /** ENDEX sent it; the questions no longer change. */
  sent_at: string | null;
}

export interface SurveyResponseTable {
  id: string;
  exercise_id: string;
  /** Keyed one-way token of exercise and account: once per person, without naming them. */
  respondent: string;
  /** Null when the person answered anonymously. */
  user_id: string | null;
  role: string;
  anonymous: number;
  /** JSON of Answers. */
  answers: string;
  created_at: string;
}

export interface SurveyTables {
  surveys: SurveyTable;
  survey_responses: SurveyResponseTable;
}

export type SurveyRow = Selectable<SurveyTable>;
export type SurveyResponseRow = Selectable<SurveyResponseTable>;
