import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  failed_logins: number;
  locked_until: string | null;
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

export interface Database {
  organisations: OrganisationTable;
  units: UnitTable;
  users: UserTable;
  grants: GrantTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditTable;
  settings: SettingTable;
  jobs: JobTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type GrantRow = Selectable<GrantTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditRow = Selectable<AuditTable>;
export type NewAuditRow = Insertable<Omit<AuditTable, 'seq'>> & { seq: number };
export type JobRow = Selectable<JobTable>;
export type { Generated };
