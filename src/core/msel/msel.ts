/** The master scenario events list: what happens when, to whom, and what players are expected to do. */

import { EVENT_KINDS, DELIVERY_METHODS, APPROVAL_STATES } from '../../contract/enums.js';
export { EVENT_KINDS, DELIVERY_METHODS, APPROVAL_STATES };

export type EventKind = (typeof EVENT_KINDS)[number];

export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export type ApprovalState = (typeof APPROVAL_STATES)[number];

export interface MselEvent {
  id: string;
  number: string;
  kind: EventKind;
  /** Minutes from STARTEX; the wall-clock time is derived from it and the exercise's zone. */
  offsetMinutes: number;
  scenarioTime: string | null;
  from: string | null;
  /** Team ids the event goes to; empty for "all players" or for controller-only kinds. */
  toTeamIds: string[];
  /** Free text addressee when it is a person or a role, not a team. */
  toText: string | null;
  method: DeliveryMethod;
  title: string;
  content: string;
  expectedAction: string | null;
  objectiveIds: string[];
  criticalTaskIds: string[];
  responsibleControllerId: string | null;
  contingency: boolean;
  controllerNotes: string | null;
  approval: ApprovalState;
  authorId: string | null;
  position: number;
}

/** The fields whose change after approval sends an event back to review. */
export const REVIEWED_FIELDS = [
  'number',
  'kind',
  'offsetMinutes',
  'scenarioTime',
  'from',
  'toTeamIds',
  'toText',
  'method',
  'title',
  'content',
  'expectedAction',
  'objectiveIds',
  'criticalTaskIds',
  'responsibleControllerId',
  'contingency',
  'controllerNotes',
] as const satisfies readonly (keyof MselEvent)[];

export type ReviewedField = (typeof REVIEWED_FIELDS)[number];

/** The approved content of an event, kept so later edits show as a change against it. */
export type ApprovedSnapshot = Pick<MselEvent, ReviewedField>;

export function snapshotOf(e: MselEvent): ApprovedSnapshot {
  const out: Partial<Record<ReviewedField, unknown>> = {};
  for (const f of REVIEWED_FIELDS) out[f] = Array.isArray(e[f]) ? [...(e[f] as string[])] : e[f];
  return out as ApprovedSnapshot;
}

/** Which reviewed fields differ from the approved version (empty: unchanged). */
export function changesSince(approved: ApprovedSnapshot, current: MselEvent): ReviewedField[] {
  return REVIEWED_FIELDS.filter((f) => JSON.stringify(approved[f]) !== JSON.stringify(current[f]));
}
