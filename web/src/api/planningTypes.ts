/**
 * Shapes of the planning API (/api/v1/exercises, /programmes, /core-capabilities, …/msel). The lists
 * of kinds are the server's own (./contract); the shapes still mirror src/http/api/exercises/schema.ts
 * by hand until they are derived there like the others (docs/decisions/0013-one-contract.md), and
 * the response check in the tests holds the server to that schema meanwhile.
 */

import {
  EXERCISE_TYPES,
  EXERCISE_STATUSES,
  VENUE_KINDS,
  ZONE_KINDS,
  EXTENTS_OF_PLAY,
  EXERCISE_ROLES,
  EVENT_KINDS,
  DELIVERY_METHODS,
} from './contract';
import type { Static } from '@sinclair/typebox';
import type { NoPlaySchema } from '../../../src/http/api/conduct/schema';
import type { CriterionSchema } from '../../../src/http/api/exercises/schema';
import type { EXERCISE_HAZARDS } from '../../../src/contract/enums';
export {
  EXERCISE_TYPES,
  EXERCISE_STATUSES,
  VENUE_KINDS,
  ZONE_KINDS,
  EXTENTS_OF_PLAY,
  EXERCISE_ROLES,
  EVENT_KINDS,
  DELIVERY_METHODS,
};

export type ExerciseType = (typeof EXERCISE_TYPES)[number];

export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];

export interface ExerciseAccess {
  plan: boolean;
  readControllerSide: boolean;
  approveMsel: boolean;
  recordObservations: boolean;
  readObservations: boolean;
  /** Runs the clock and the injects: the control room. */
  conduct: boolean;
  /** Plays, and does not run it: the player view. */
  play: boolean;
}

export type EventKind = (typeof EVENT_KINDS)[number];
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export type ApprovalState = 'draft' | 'submitted' | 'approved';

export interface Programme {
  id: string;
  name: string;
  description: string | null;
  sponsorOrganisationId: string | null;
  createdAt: string;
}

export interface Exercise {
  id: string;
  programmeId: string | null;
  name: string;
  type: ExerciseType;
  status: ExerciseStatus;
  timeZone: string;
  startex: string;
  endex: string;
  startexLocal: string;
  endexLocal: string;
  city: string | null;
  /** What it rehearses, for the lessons-learned filter (decision 0033). */
  hazard: (typeof EXERCISE_HAZARDS)[number] | null;
  scope: string | null;
  threat: string | null;
  /** null for readers who may not see the controllers' side. */
  scenario: string | null;
  sponsor: string | null;
  pointOfContact: string | null;
  handling: string | null;
  leadOrganisationId: string | null;
  mselApproval: string;
  version: number;
  allowedTransitions: ExerciseStatus[];
  /** What the reader may do with this exercise, their grants' organisation scope applied. */
  access: ExerciseAccess;
  /** NO PLAY, when on: every screen of the exercise shows it, players' included. */
  noPlay: Static<typeof NoPlaySchema> | null;
  createdAt: string;
  updatedAt: string;
}

export type ExerciseFields = Partial<
  Pick<
    Exercise,
    | 'programmeId'
    | 'name'
    | 'type'
    | 'timeZone'
    | 'startex'
    | 'endex'
    | 'city'
    | 'hazard'
    | 'scope'
    | 'threat'
    | 'scenario'
    | 'sponsor'
    | 'pointOfContact'
    | 'handling'
    | 'leadOrganisationId'
  >
>;

/** How a critical task is measured from the history (decision 0029); the server's own schema. */
export type Criterion = Static<typeof CriterionSchema>;
export interface CriticalTask {
  id: string;
  text: string;
  criterion?: Criterion;
}
export interface CapabilityTarget {
  id: string;
  coreCapabilityId: string;
  text: string;
  criticalTasks: CriticalTask[];
}
export interface Objective {
  id: string;
  position: number;
  text: string;
  capabilityTargets: CapabilityTarget[];
}
export interface Point {
  lon: number;
  lat: number;
}
export interface Geometry {
  type: string;
  coordinates: unknown;
}
export interface Venue {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  point: Point;
  footprint: Geometry | null;
}
export interface Zone {
  id: string;
  venueId: string | null;
  name: string;
  kind: string;
  geometry: Geometry;
  road: string | null;
  startsAt: string | null;
  endsAt: string | null;
  notes: string | null;
}
export interface Participation {
  organisationId: string;
  extentOfPlay: string;
  notes: string | null;
}
export interface Team {
  id: string;
  name: string;
  organisationId: string | null;
  unitId: string | null;
}
export interface Person {
  id: string;
  userId: string | null;
  name: string;
  role: string;
  teamId: string | null;
  organisationId: string | null;
  contact: string | null;
  /** The venue they are posted at. */
  venueId: string | null;
}

/** A tabletop's scenario module; only controllers, evaluators and planners ever receive them. */
export interface ScenarioModule {
  id: string;
  position: number;
  title: string;
  narrative: string;
  questions: string[];
}
export interface ScenarioModuleInput {
  title: string;
  narrative: string;
  questions: string[];
}

/**
 * A change to an objective; `capabilityTargets` is the whole new list in order. Items with an id
 * are kept (and an inject's link to a task with them), items without are new, the rest removed.
 */
export interface ObjectiveChange {
  text?: string;
  capabilityTargets?: {
    id?: string;
    coreCapabilityId: string;
    text: string;
    /** A task's `criterion`: null clears it, absent keeps what the task had. */
    criticalTasks: { id?: string; text: string; criterion?: Criterion | null }[];
  }[];
}

export interface ExercisePlan {
  exercise: Exercise;
  objectives: Objective[];
  modules: ScenarioModule[];
  venues: Venue[];
  zones: Zone[];
  organisations: Participation[];
  teams: Team[];
  people: Person[];
}

export interface CoreCapability {
  id: string;
  name: string;
  missionArea: string;
  description: string;
  builtin: boolean;
}

/** What a planner writes for one MSEL event; the server checks it and names the bad field. */
export interface MselEventInput {
  number: string;
  kind: EventKind;
  offsetMinutes: number;
  scenarioTime?: string | null;
  from?: string | null;
  toTeamIds?: string[];
  toText?: string | null;
  method: DeliveryMethod;
  title: string;
  content: string;
  expectedAction?: string | null;
  objectiveIds?: string[];
  criticalTaskIds?: string[];
  responsibleControllerId?: string | null;
  contingency?: boolean;
  controllerNotes?: string | null;
}

export interface MselEvent extends Required<MselEventInput> {
  id: string;
  offset: string;
  scheduledAt: string;
  scheduledLocal: string;
  approval: ApprovalState;
  authorId: string | null;
  position: number;
  version: number;
  approvedBy: string | null;
  approvedAt: string | null;
  changedSinceApproval: string[];
  approvedVersion: Record<string, unknown> | null;
}

export interface MselFinding {
  rule: string;
  severity: 'error' | 'warning';
  eventId: string | null;
  number: string | null;
  field: string | null;
  message: string;
}

export interface Msel {
  exerciseId: string;
  timeZone: string;
  approval: string;
  events: MselEvent[];
  findings: MselFinding[];
}
