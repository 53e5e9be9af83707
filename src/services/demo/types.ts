import type { PlanGeometry } from '../../core/exercise/geometry.js';
import type { DeliveryMethod, EventKind } from '../../core/msel/msel.js';
import type { ExerciseStatus, ExerciseType } from '../../core/exercise/exercise.js';
import type { EXERCISE_ROLES, EXTENTS_OF_PLAY, VENUE_KINDS, ZONE_KINDS } from '../planning/plan.service.js';

/**
 * The seed scenario written as data. Times are local wall-clock times on the seed's own dates
 * ("2026-10-25 08:00" in the exercise's zone); the loader moves them by whole weeks to the day the
 * set is loaded, so the data reads like the planners' own schedule.
 */
export type SeedTime = string;

export interface DemoObjective {
  /** How events and tasks refer to this objective inside the data. */
  key: string;
  text: string;
  targets: { capability: string; text: string; tasks: string[] }[];
}

export interface DemoVenue {
  key: string;
  name: string;
  kind: (typeof VENUE_KINDS)[number];
  address: string;
  point: [lon: number, lat: number];
  footprint: PlanGeometry;
}

export interface DemoZone {
  name: string;
  kind: (typeof ZONE_KINDS)[number];
  venue?: string;
  geometry: PlanGeometry;
  road?: string;
  from?: SeedTime;
  to?: SeedTime;
  notes?: string;
}

export interface DemoTeam {
  key: string;
  name: string;
  /** Organisation by short name, as in the agencies list. */
  org: string;
  unit?: string;
}

export interface DemoPerson {
  name: string;
  role: (typeof EXERCISE_ROLES)[number];
  team?: string;
  org?: string;
  /** The demo user this person signs in as, where one exists. */
  user?: string;
  contact?: string;
}

export interface DemoEvent {
  n: string;
  kind?: EventKind;
  /** Offset from STARTEX, "H+02:30". */
  at: string;
  scenario?: string;
  from: string;
  to?: string[];
  toText?: string;
  method: DeliveryMethod;
  title: string;
  content: string;
  expect?: string;
  obj?: string[];
  /** Critical tasks as "objectiveKey#n", n counting from 1 across the objective's targets. */
  tasks?: string[];
  /** The responsible controller, by the person's name in this exercise. */
  controller?: string;
  contingency?: boolean;
  notes?: string;
  /** A question put to the players when it is sent (decision 0038). */
  asks?: { question: string; options: string[] };
  /** Sent only once another event's question is answered with `option`, or a milestone is reached. */
  waitsFor?: ({ decision: string; option: string } | { milestone: string }) & { delayMinutes: number };
}

export interface DemoMsel {
  /** Demo usernames: the author writes and submits, the approver (another person) approves. */
  author: string;
  approver: string;
  state: 'draft' | 'submitted' | 'approved';
  events: DemoEvent[];
  /** Edits made after approval, so the demo shows events back in review with their change. */
  editsAfterApproval?: { n: string; content?: string; at?: string; why: string }[];
}

export interface DemoExercise {
  name: string;
  type: ExerciseType;
  /** Where the loader leaves the exercise; it walks only legal transitions from draft. */
  status: Extract<ExerciseStatus, 'draft' | 'planned' | 'ready'>;
  city: string;
  timeZone: string;
  startex: SeedTime;
  endex: SeedTime;
  scope: string;
  threat: string;
  scenario: string;
  sponsor: string;
  pointOfContact: string;
  handling: string;
  lead: string;
  objectives: DemoObjective[];
  venues: DemoVenue[];
  zones: DemoZone[];
  participants: { org: string; extent: (typeof EXTENTS_OF_PLAY)[number]; notes?: string }[];
  teams: DemoTeam[];
  people: DemoPerson[];
  msel?: DemoMsel;
}
