import {
  isOverdue,
  movesFrom,
  type CapabilityElement,
  type ImprovementStatus,
  type ProposalState,
} from '../../core/improvement/improvement.js';
import type { ImprovementItemView } from '../../store/improvement.repository.js';

/** One corrective action as the API, the console and the CLI see it. */
export interface ImprovementItem {
  id: string;
  exerciseId: string;
  exerciseName: string;
  observationId: string | null;
  capabilityId: string;
  capabilityName: string;
  element: CapabilityElement;
  issue: string;
  correctiveAction: string;
  organisationId: string;
  organisationName: string;
  contactEmail: string | null;
  owner: { userId: string | null; name: string };
  startOn: string;
  dueOn: string;
  status: ImprovementStatus;
  statusChangedAt: string;
  overdue: boolean;
  testIn: {
    exerciseId: string;
    exerciseName: string;
    state: ProposalState;
    objectiveId: string | null;
  } | null;
  version: number;
  /** What this reader may do with it: change it, and to which statuses. */
  mayManage: boolean;
  moves: ImprovementStatus[];
}

export function toItem(r: ImprovementItemView, today: string, manage: boolean): ImprovementItem {
  const status = r.status as ImprovementStatus;
  return {
    id: r.id,
    exerciseId: r.exercise_id,
    exerciseName: r.exercise_name,
    observationId: r.observation_id,
    capabilityId: r.capability_id,
    capabilityName: r.capability_name,
    element: r.element as CapabilityElement,
    issue: r.issue,
    correctiveAction: r.corrective_action,
    organisationId: r.responsible_organisation_id,
    organisationName: r.organisation_name,
    contactEmail: r.contact_email,
    owner: { userId: r.owner_user_id, name: r.owner_name },
    startOn: r.start_on,
    dueOn: r.due_on,
    status,
    statusChangedAt: r.status_changed_at,
    overdue: isOverdue({ status, dueOn: r.due_on }, today),
    testIn: r.test_in_exercise_id
      ? {
          exerciseId: r.test_in_exercise_id,
          exerciseName: r.test_in_exercise_name ?? '',
          state: (r.proposal_state ?? 'proposed') as ProposalState,
          objectiveId: r.proposal_objective_id,
        }
      : null,
    version: Number(r.version),
    mayManage: manage,
    moves: manage ? [...movesFrom(status)] : [],
  };
}
