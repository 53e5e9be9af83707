import type { Generated, Insertable, Selectable } from 'kysely';

/** Table types of running exercises (migration 0014): the clock's history and each inject's conduct. */

/** What is set per exercise for its clock; `version` orders controllers' commands. */
export interface ExerciseClockTable {
  exercise_id: string;
  /** release, retime or hold (core/conduct/pause-policy.ts). */
  pause_policy: Generated<string>;
  release_interval_seconds: Generated<number>;
  /** The scenario's own start, a local date and time with no zone ("2026-10-25T06:00:00"). */
  scenario_start: Generated<string | null>;
  /** exercise, or rehearsal (every inject to the sink); chosen at STARTEX. */
  traffic_mode: Generated<string>;
  version: Generated<number>;
  updated_at: string;
}

/** One clock command as given: the history the three clocks are computed from. */
export interface ClockEventTable {
  exercise_id: string;
  seq: number;
  /** startex, pause, resume, endex, speed, jump, move. */
  command: string;
  at: string;
  speed: number | null;
  to_seconds: number | null;
  scenario_seconds: number | null;
  actor_id: string | null;
  actor_name: string | null;
  reason: string | null;
}

/** An inject of a running exercise: the MSEL's inject as it is played. */
export interface InjectRunTable {
  id: string;
  exercise_id: string;
  /** The MSEL event it came from; null for one added on the fly. */
  event_id: string | null;
  number: string;
  position: number;
  title: string;
  content: string;
  method: string;
  /** JSON array of team ids; empty: every player of the exercise. */
  to_team_ids: string;
  /** Exercise time it is scheduled at, in seconds from STARTEX. */
  due_seconds: number;
  contingency: number;
  /** scheduled, held, fired, skipped. */
  status: string;
  /** When a backlog release wakes it (pause policy); null: at its exercise time. */
  release_at: string | null;
  fired_at: string | null;
  /** clock (on time or released) or controller (fired by hand). */
  fired_how: string | null;
  changed_by_id: string | null;
  changed_by_name: string | null;
  edited_at: string | null;
  version: Generated<number>;
  updated_at: string;
  /** JSON {question, options} when it asks its players to choose (migration 0036). */
  decision: Generated<string | null>;
  /** JSON ReleaseOn (core/conduct/branching.ts) while it waits for a decision or a milestone. */
  release_on: Generated<string | null>;
}

/** A round of the communication check before STARTEX (migration 0034). */
export interface CommCheckTable {
  id: string;
  exercise_id: string;
  round: number;
  started_at: string;
  started_by: string | null;
  started_by_name: string | null;
}

/** A delivery over the manual channel: a prompt on the controllers' screen (migration 0035). */
export interface ManualPromptTable {
  delivery_id: string;
  exercise_id: string | null;
  source_kind: string;
  source_id: string;
  /** How to reach them, in the phone book's words ("radio channel 2", "+7 701 …"). */
  address: string;
  /** What to say, marked as exercise traffic by the dispatcher. */
  script: string;
  created_at: string;
  delivered_at: string | null;
  delivered_by: string | null;
}

/** The branching of one MSEL event (migration 0036): its question, and what it waits for. */
export interface MselBranchingTable {
  event_id: string;
  exercise_id: string;
  question: string | null;
  /** JSON array of the options players choose from. */
  options: string | null;
  /** decision or milestone; null: it waits for nothing. */
  release_kind: string | null;
  release_event_id: string | null;
  release_option: string | null;
  release_milestone: string | null;
  delay_minutes: number;
  updated_at: string;
}

/** The decision taken at a decision point; one per inject run. */
export interface InjectDecisionTable {
  run_id: string;
  exercise_id: string;
  option: string;
  team_id: string | null;
  by_id: string | null;
  by_name: string;
  /** player (in the player view) or controller (heard on the radio, entered for them). */
  via: string;
  decided_at: string;
}

/** A milestone a controller marked reached; once per exercise and name. */
export interface MilestoneReachedTable {
  exercise_id: string;
  milestone: string;
  by_id: string | null;
  by_name: string;
  reached_at: string;
  exercise_seconds: number;
}

export interface ConductTables {
  exercise_clocks: ExerciseClockTable;
  clock_events: ClockEventTable;
  inject_runs: InjectRunTable;
  comm_checks: CommCheckTable;
  manual_prompts: ManualPromptTable;
  msel_branching: MselBranchingTable;
  inject_decisions: InjectDecisionTable;
  milestones_reached: MilestoneReachedTable;
}

export type ExerciseClockRow = Selectable<ExerciseClockTable>;
export type ClockEventRow = Selectable<ClockEventTable>;
export type InjectRunRow = Selectable<InjectRunTable>;
export type CommCheckRow = Selectable<CommCheckTable>;
export type NewInjectRun = Insertable<InjectRunTable>;
export type MselBranchingRow = Selectable<MselBranchingTable>;
export type InjectDecisionRow = Selectable<InjectDecisionTable>;
export type MilestoneReachedRow = Selectable<MilestoneReachedTable>;
