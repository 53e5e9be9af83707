/**
 * Shapes of the JSON the console exchanges with /api/v1. They mirror the server's response schemas;
 * when the API publishes its schema types for clients, these become re-exports of those.
 */
export type Locale = 'kk' | 'ru' | 'en';

export const ROLES = [
  'admin',
  'director',
  'planner',
  'controller',
  'evaluator',
  'player',
  'observer',
  'pio',
  'authoriser',
] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  id: string;
  role: Role;
  organisationId: string | null;
  exerciseId: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: Locale;
  disabled: boolean;
  createdAt: string;
  grants: Grant[];
}

export interface Session {
  user: User;
  grants: Grant[];
  permissions: string[];
  /** Permissions held through an unscoped grant: edits of what all organisations share need these. */
  everywhere: string[];
  /** Absent when the session is a bearer token, which needs no CSRF protection. */
  csrfToken?: string;
  /** API tokens of this user that still work: "sign out everywhere" revokes them. */
  activeTokens: number;
}

export const ORGANISATION_KINDS = [
  'national-security',
  'police',
  'emergency-situations',
  'health',
  'armed-forces',
  'local-government',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Unit {
  id: string;
  name: string;
}

export interface Organisation {
  id: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  createdAt: string;
  units: Unit[];
}

export interface RolePermissions {
  role: Role;
  permissions: string[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  firstBad: { seq: number; problem: string } | null;
}

export interface Dashboard {
  counts: { users: number; organisations: number; activeSessions: number; auditEntries: number };
  recentAudit: AuditEntry[];
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface Items<T> {
  items: T[];
}
