import type { Generated, Selectable } from 'kysely';

/** One entry of the durable event log (migration 0011): what happened and who may see it. */
export interface EventTable {
  seq: number;
  at: string;
  type: string;
  /** The permission a reader needs (a policy Permission). */
  permission: string;
  organisation_id: string | null;
  exercise_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** Small JSON object. */
  payload: string;
  /** The one person the event is for (a player's own inbox); null: whoever the permission lets see it. */
  user_id: Generated<string | null>;
}

export interface EventTables {
  events: EventTable;
}

export type EventRow = Selectable<EventTable>;
