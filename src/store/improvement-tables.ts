import type { Insertable, Selectable } from 'kysely';

/** Table types of the improvement plan (migration 0028). */
export interface ImprovementItemTable {
  id: string;
  /** The exercise whose evaluation raised it. */
  exercise_id: string;
  observation_id: string | null;
  capability_id: string;
  /** core/improvement CAPABILITY_ELEMENTS. */
  element: string;
  issue: string;
  corrective_action: string;
  responsible_organisation_id: string;
  /** The responsible organisation's contact for this item, reminded with the owner. */
  contact_email: string | null;
  owner_user_id: string | null;
  owner_name: string;
  /** Calendar days, "2026-12-03". */
  start_on: string;
  due_on: string;
  /** core/improvement IMPROVEMENT_STATUSES. */
  status: string;
  status_changed_at: string;
  test_in_exercise_id: string | null;
  /** core/improvement PROPOSAL_STATES; null when not to be tested anywhere. */
  proposal_state: string | null;
  proposal_objective_id: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ImprovementTables {
  improvement_items: ImprovementItemTable;
}

export type ImprovementItemRow = Selectable<ImprovementItemTable>;
export type NewImprovementItem = Insertable<ImprovementItemTable>;
