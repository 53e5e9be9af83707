import type { Insertable, Selectable } from 'kysely';

/** Table types of evaluators' observations (migration 0020). */

export interface ObservationTable {
  /** Given by the evaluator's device, so a replayed sending finds the row it made. */
  id: string;
  exercise_id: string;
  author_id: string;
  author_name: string;
  /** core/observation fingerprint of what was sent: a replay matches it, a changed body does not. */
  fingerprint: string;
  text: string;
  observed_at: string;
  exercise_seconds: number;
  /** "H+02:30:05". */
  exercise_time: string;
  /** The scenario's local date and time; null when the exercise has no scenario start. */
  scenario_time: string | null;
  venue_id: string | null;
  team_id: string | null;
  lon: number | null;
  lat: number | null;
  /** JSON arrays of ids. */
  objective_ids: string;
  critical_task_ids: string;
  /** Set when a photo was sent with it (observation_photos). */
  photo_type: string | null;
  received_at: string;
}

export interface ObservationPhotoTable {
  observation_id: string;
  content_type: string;
  /** base64. */
  data: string;
}

export interface ObservationTables {
  observations: ObservationTable;
  observation_photos: ObservationPhotoTable;
}

export type ObservationRow = Selectable<ObservationTable>;
export type NewObservation = Insertable<ObservationTable>;
