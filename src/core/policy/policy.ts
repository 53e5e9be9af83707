/**
 * The one place that answers "may this person do this?". Pure: it sees grants and a request's
 * scope, never the database. Routes declare the permission they need; tests walk every registered
 * route against every role with this module as the oracle.
 */

import { ROLES } from '../../contract/enums.js';
export { ROLES };

export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'dashboard:read',
  'users:read',
  'users:manage',
  'orgs:read',
  'orgs:manage',
  'roles:read',
  'audit:read',
  'tokens:own',
  'exercises:read',
  'exercises:plan',
  'msel:read',
  'msel:approve',
  'catalogue:manage',
  'notices:read',
  'notices:draft',
  'notices:publish',
  'comments:moderate',
  'outbox:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role may do. Later capabilities add their permissions here and nowhere else. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  director: [
    'dashboard:read',
    'users:read',
    'orgs:read',
    'roles:read',
    'audit:read',
    'tokens:own',
    'exercises:read',
    'exercises:plan',
    'msel:read',
    'msel:approve',
    'catalogue:manage',
    'notices:read',
  ],
  planner: [
    'dashboard:read',
    'users:read',
    'orgs:read',
    'roles:read',
    'tokens:own',
    'exercises:read',
    'exercises:plan',
    'msel:read',
    'catalogue:manage',
  ],
  // Controllers and evaluators read the whole plan, MSEL and controller notes included; they do not edit it.
  controller: ['dashboard:read', 'orgs:read', 'roles:read', 'tokens:own', 'exercises:read', 'msel:read'],
  evaluator: ['dashboard:read', 'orgs:read', 'roles:read', 'tokens:own', 'exercises:read', 'msel:read'],
  // Players and observers see that an exercise exists and its public outline, never the MSEL.
  player: ['dashboard:read', 'exercises:read'],
  observer: ['dashboard:read', 'exercises:read'],
  // A PIO drafts and publishes notices; the service still refuses publishing one's own draft.
  pio: [
    'dashboard:read',
    'orgs:read',
    'tokens:own',
    'exercises:read',
    'notices:read',
    'notices:draft',
    'notices:publish',
    'comments:moderate',
    'outbox:manage',
  ],
  authoriser: [
    'dashboard:read',
    'orgs:read',
    'audit:read',
    'tokens:own',
    'exercises:read',
    'notices:read',
    'notices:publish',
  ],
};

/** How a route is reached: by anyone, by anyone signed in, or with a permission. */
export type Access = 'public' | 'authenticated' | Permission;

export interface Grant {
  role: Role;
  /** null: everywhere. */
  organisationId: string | null;
  /** null: every exercise the organisation scope allows. */
  exerciseId: string | null;
}

/** Where the thing acted on lives; a grant scoped elsewhere does not apply. */
export interface Scope {
  organisationId?: string | null;
  exerciseId?: string | null;
}

export interface Actor {
  userId: string;
  grants: readonly Grant[];
  /** API-token scopes: the token can do at most these (and at most what its owner can). */
  tokenScopes?: readonly Permission[] | undefined;
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);

function grantCovers(grant: Grant, scope: Scope): boolean {
  if (
    grant.organisationId !== null &&
    scope.organisationId !== undefined &&
    grant.organisationId !== scope.organisationId
  ) {
    return false;
  }
  if (grant.exerciseId !== null && scope.exerciseId !== undefined && grant.exerciseId !== scope.exerciseId) {
    return false;
  }
  return true;
}

/** Whether `actor` holds `permission` for something in `scope` (no scope: anywhere they hold it). */
export function can(actor: Actor, permission: Permission, scope: Scope = {}): boolean {
  if (actor.tokenScopes && !actor.tokenScopes.includes(permission)) return false;
  return actor.grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission) && grantCovers(g, scope));
}

/** Every permission the actor holds somewhere, for the console's navigation. */
export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((p) => can(actor, p));
}

/** The decision for a route: 401 when a sign-in is needed, 403 when it is not enough. */
export function decide(
  access: Access,
  actor: Actor | null,
  scope: Scope = {},
): 'allow' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'allow';
  if (!actor) return 'unauthenticated';
  if (access === 'authenticated') return 'allow';
  return can(actor, access, scope) ? 'allow' : 'forbidden';
}

/**
 * Granting a role is itself an access question: only a global admin grants admin, and an
 * organisation admin grants roles only inside their organisation.
 */
export function canGrant(actor: Actor, grant: Grant): boolean {
  if (grant.role === 'admin' && grant.organisationId === null) {
    return actor.grants.some((g) => g.role === 'admin' && g.organisationId === null && g.exerciseId === null);
  }
  return can(actor, 'users:manage', { organisationId: grant.organisationId, exerciseId: grant.exerciseId });
}
