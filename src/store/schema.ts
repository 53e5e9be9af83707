import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OutboxTables } from './outbox-tables.js';
import type { PublicTables } from './public-tables.js';
import type { EventTables } from './event-tables.js';
import type { ConductTables } from './conduct-tables.js';
import type { AlertTables } from './alert-tables.js';
import type { ObservationTables } from './observation-tables.js';
import type { ImprovementTables } from './improvement-tables.js';
import type { PlayTables } from './play-tables.js';
import type { SirenTables } from './siren-tables.js';
import type { BoundaryTables } from './boundary-tables.js';
import type { FeedTables } from './feed-tables.js';
import type { SurveyTables } from './survey-tables.js';
import type { AarTables } from './aar-tables.js';
import type { EvaluationTables } from './evaluation-tables.js';
import type { FindingTables } from './finding-tables.js';

/*
 * Instants are ISO-8601 strings in UTC ("2026-10-21T04:00:00.000Z") on both engines, so the same
 * queries compare and sort them the same way; see docs/decisions/0002-storage.md. Booleans are 0/1.
 */

export interface OrganisationTable {
  id: string;
  name: string;
  short_name: string | null;
  kind: string;
  created_at: string;
}

export interface UnitTable {
  id: string;
  organisation_id: string;
  name: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  locale: string;
  disabled: number;
  /** Sessions created before this instant are dead: "sign out everywhere". */
  sessions_valid_after: string;
  created_at: string;
  updated_at: string;
}

export interface GrantTable {
  id: string;
  user_id: string;
  role: string;
  organisation_id: string | null;
  exercise_id: string | null;
  created_at: string;
  granted_by: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie value; the cookie itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
  ip: string | null;
}

/** Wrong passwords for one account from one source (an IPv4 address or an IPv6 /64) lately. */
export interface SignInThrottleTable {
  user_id: string;
  source: string;
  failures: number;
  last_failure_at: string;
  /** The source's next password for this account is not checked before this instant. */
  wait_until: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  /** sha256 of the secret part; the secret is shown once and never stored. */
  secret_hash: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AuditTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** One job of the embedded queue; see src/jobs/embedded.queue.ts for the state machine. */
export interface JobTable {
  id: string;
  name: string;
  /** JSON. */
  payload: string;
  /** waiting (due at run_at), active (leased to locked_by until locked_until), completed or failed. */
  status: string;
  run_at: string;
  attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/**
 * One wake of the scheduling port (src/jobs/schedule/): the key's latest booking and where it stands.
 * status: pending (due at `at`), running (leased to locked_by until locked_until), done, cancelled.
 */
export interface WakeTable {
  id: string;
  topic: string;
  key: string;
  /** Counts the key's bookings and cancellations; a timer or job of an older one matches nothing. */
  generation: number;
  at: string;
  /** JSON. */
  payload: string;
  status: string;
  /** Tries of this generation, the one running included. */
  attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  /** 1 once the BullMQ relay has put this generation and try into Redis; unused when embedded. */
  pushed: number;
  created_at: string;
  updated_at: string;
}

export interface Database
  extends
    PlanningTables,
    PublicTables,
    OutboxTables,
    EventTables,
    ConductTables,
    AlertTables,
    ObservationTables,
    ImprovementTables,
    PlayTables,
    SirenTables,
    BoundaryTables,
    FeedTables,
    SurveyTables,
    AarTables,
    EvaluationTables,
    FindingTables {
  organisations: OrganisationTable;
  units: UnitTable;
  users: UserTable;
  grants: GrantTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  sign_in_throttle: SignInThrottleTable;
  audit_log: AuditTable;
  settings: SettingTable;
  jobs: JobTable;
  wakes: WakeTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type GrantRow = Selectable<GrantTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type SignInThrottleRow = Selectable<SignInThrottleTable>;
export type AuditRow = Selectable<AuditTable>;
export type NewAuditRow = Insertable<Omit<AuditTable, 'seq'>> & { seq: number };
export type JobRow = Selectable<JobTable>;
export type WakeRow = Selectable<WakeTable>;
export type { Generated };

/* Planning (migration 0003). JSON arrays are stored as text: the same on both engines. */

export interface ProgrammeTable {
  id: string;
  name: string;
  description: string | null;
  sponsor_organisation_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExerciseTable {
  id: string;
  programme_id: string | null;
  name: string;
  type: string;
  status: string;
  time_zone: string;
  startex: string;
  endex: string;
  city: string | null;
  scope: string | null;
  threat: string | null;
  scenario: string | null;
  sponsor: string | null;
  point_of_contact: string | null;
  handling: string | null;
  lead_organisation_id: string | null;
  /** What the exercise rehearses (core/exercise/hazard.ts); null: not said (migration 0031). */
  hazard: Generated<string | null>;
  /** NO PLAY: when it was switched on (null: off), why and by whom; the dispatcher holds traffic. */
  no_play_at: Generated<string | null>;
  no_play_reason: Generated<string | null>;
  no_play_by: Generated<string | null>;
  /** 1 when the exercise plays to the public (its marked traffic may reach residents). */
  includes_public: Generated<number>;
  /** The language of the exercise's report: kk, ru or en (migration 0030). */
  language: Generated<string>;
  msel_approval: string;
  msel_approved_by: string | null;
  msel_approved_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScenarioModuleTable {
  id: string;
  exercise_id: string;
  position: number;
  title: string;
  narrative: string;
  questions: string;
}

export interface CoreCapabilityTable {
  id: string;
  name: string;
  mission_area: string;
  description: string;
  builtin: number;
}

export interface ObjectiveTable {
  id: string;
  exercise_id: string;
  position: number;
  text: string;
}

export interface CapabilityTargetTable {
  id: string;
  objective_id: string;
  core_capability_id: string;
  /** Order within the objective (migration 0007); targets written before it share 0. */
  position: number;
  text: string;
}

export interface CriticalTaskTable {
  id: string;
  capability_target_id: string;
  position: number;
  text: string;
  /** JSON of a measurable criterion (core/evaluation/metrics.ts); null or absent: none (migration 0032). */
  criterion?: string | null;
}

export interface VenueTable {
  id: string;
  exercise_id: string;
  name: string;
  kind: string;
  address: string | null;
  lon: number;
  lat: number;
  /** GeoJSON Polygon/MultiPolygon text, or null for a point only. */
  footprint: string | null;
}

export interface ZoneTable {
  id: string;
  exercise_id: string;
  venue_id: string | null;
  name: string;
  kind: string;
  /** GeoJSON geometry text. */
  geometry: string;
  road: string | null;
  starts_at: string | null;
  ends_at: string | null;
  notes: string | null;
}

export interface ExerciseOrganisationTable {
  exercise_id: string;
  organisation_id: string;
  extent_of_play: string;
  notes: string | null;
}

export interface TeamTable {
  id: string;
  exercise_id: string;
  name: string;
  organisation_id: string | null;
  unit_id: string | null;
}

export interface ExercisePersonTable {
  id: string;
  exercise_id: string;
  user_id: string | null;
  name: string;
  role: string;
  team_id: string | null;
  organisation_id: string | null;
  contact: string | null;
  /** The venue they are posted at (migration 0037). */
  venue_id: Generated<string | null>;
}

export interface MselEventTable {
  id: string;
  exercise_id: string;
  number: string;
  kind: string;
  position: number;
  offset_minutes: number;
  scenario_time: string | null;
  from_role: string | null;
  to_team_ids: string;
  to_text: string | null;
  method: string;
  title: string;
  content: string;
  expected_action: string | null;
  objective_ids: string;
  critical_task_ids: string;
  responsible_controller_id: string | null;
  contingency: number;
  controller_notes: string | null;
  approval: string;
  approved_snapshot: string | null;
  approved_by: string | null;
  approved_at: string | null;
  author_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface InjectCatalogueTable {
  id: string;
  hazard: string;
  core_capability_id: string | null;
  title: string;
  content: string;
  expected_action: string | null;
  method: string;
  kind: string;
  critical_task_texts: string;
  created_by: string | null;
  created_at: string;
}

export interface FeedTokenTable {
  id: string;
  user_id: string;
  scope: string;
  target_id: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** The SEQUENCE last published for an iCalendar UID, and a fingerprint of what it described. */
export interface CalendarSequenceTable {
  uid: string;
  fingerprint: string;
  sequence: number;
  updated_at: string;
}

/** A remembered spreadsheet column mapping (migration 0004); `mapping` is JSON label → field. */
export interface ImportMappingTable {
  owner: string;
  kind: string;
  mapping: string;
  updated_at: string;
}

export interface PlanningTables {
  programmes: ProgrammeTable;
  exercises: ExerciseTable;
  scenario_modules: ScenarioModuleTable;
  core_capabilities: CoreCapabilityTable;
  objectives: ObjectiveTable;
  capability_targets: CapabilityTargetTable;
  critical_tasks: CriticalTaskTable;
  venues: VenueTable;
  zones: ZoneTable;
  exercise_organisations: ExerciseOrganisationTable;
  teams: TeamTable;
  exercise_people: ExercisePersonTable;
  msel_events: MselEventTable;
  inject_catalogue: InjectCatalogueTable;
  feed_tokens: FeedTokenTable;
  import_mappings: ImportMappingTable;
  calendar_sequences: CalendarSequenceTable;
}

export type ExerciseRow = Selectable<ExerciseTable>;
export type MselEventRow = Selectable<MselEventTable>;
