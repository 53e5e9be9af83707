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
  'exercises:conduct',
  'exercises:play',
  'catalogue:manage',
  'notices:read',
  'notices:draft',
  'notices:publish',
  'comments:moderate',
  'outbox:manage',
  'alerts:read',
  'alerts:draft',
  'alerts:approve',
  'observations:read',
  'observations:record',
  'findings:write',
  'sirens:manage',
  'boundaries:manage',
  'feeds:manage',
  'phonebook:manage',
  'improvement:read',
  'improvement:manage',
  'surveys:read',
  'reports:read',
  'reports:write',
  'ratings:read',
  'ratings:record',
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
    'exercises:conduct',
    'phonebook:manage',
    'catalogue:manage',
    'notices:read',
    'alerts:read',
    'observations:read',
    'improvement:read',
    'improvement:manage',
    'surveys:read',
    // The after-action report is the director's: drafted, edited, made final and shared (decision 0030).
    'reports:read',
    'reports:write',
    // Directors read the evaluation (decision 0028) but never rate it: the evaluators do.
    'ratings:read',
    'findings:write',
  ],
  planner: [
    'dashboard:read',
    'users:read',
    'orgs:read',
    'roles:read',
    'tokens:own',
    'exercises:read',
    'exercises:plan',
    'phonebook:manage',
    'msel:read',
    'catalogue:manage',
    // Planners track the corrective actions and fold them into the next exercise's objectives.
    'improvement:read',
    'improvement:manage',
  ],
  // Controllers and evaluators read the whole plan, MSEL and controller notes included; they do not edit it.
  // Controllers run it: the clock and the injects.
  controller: [
    'dashboard:read',
    'orgs:read',
    'roles:read',
    'tokens:own',
    'exercises:read',
    'msel:read',
    'exercises:conduct',
    'phonebook:manage',
  ],
  // Evaluators record what they see; until the report is final only they and directors read it
  // (decision 0020): controllers run the play the observations judge, players and observers are judged.
  evaluator: [
    'dashboard:read',
    'orgs:read',
    'roles:read',
    'tokens:own',
    'exercises:read',
    'msel:read',
    'observations:read',
    'observations:record',
    // Evaluators see the plan their findings feed, and raise items from their observations only.
    'improvement:read',
    'surveys:read',
    'reports:read',
    'ratings:read',
    'ratings:record',
    // Strengths and areas for improvement, written from the observations (decision 0033).
    'findings:write',
  ],
  // Players and observers see that an exercise exists and its public outline, never the MSEL. Players
  // also play: their own team's fired injects, acknowledged and reported on (services/play).
  player: ['dashboard:read', 'exercises:read', 'exercises:play'],
  observer: ['dashboard:read', 'exercises:read'],
  // A PIO drafts and publishes notices (the service still refuses publishing one's own draft) and
  // drafts alerts, which only an authoriser approves.
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
    'alerts:read',
    'alerts:draft',
  ],
  authoriser: [
    'dashboard:read',
    'orgs:read',
    'audit:read',
    'tokens:own',
    'exercises:read',
    'notices:read',
    'notices:publish',
    // An authoriser may draft too; the two-person rule still keeps them from approving their own.
    'alerts:read',
    'alerts:draft',
    'alerts:approve',
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

/**
 * Where the thing acted on lives; a grant scoped elsewhere does not apply. A field left out means
 * "not asked"; `organisationId: null` means "owned by no organisation", which only an unscoped grant
 * covers (a shared catalogue entry, a notice of no agency).
 */
export interface Scope {
  organisationId?: string | null;
  /**
   * The thing belongs to each of these organisations (an exercise: its lead and every participating
   * agency); a grant scoped to any one of them covers it. An empty list: to none.
   */
  organisationIds?: readonly string[];
  exerciseId?: string | null;
}

/**
 * What belongs to no organisation but serves them all (the core capabilities, the inject catalogue):
 * only a grant that is not scoped to one organisation changes it.
 */
export const SHARED: Scope = { organisationId: null, exerciseId: null };

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
  if (
    grant.organisationId !== null &&
    scope.organisationIds !== undefined &&
    !scope.organisationIds.includes(grant.organisationId)
  ) {
    return false;
  }
  if (grant.exerciseId !== null && grant.exerciseId !== scope.exerciseId) {
    // A grant for one exercise reaches that exercise only, never an organisation's other records
    // (its notices, its people) that name no exercise; asked "anywhere", it is somewhere.
    const anywhere =
      scope.organisationId === undefined &&
      scope.organisationIds === undefined &&
      scope.exerciseId === undefined;
    if (!anywhere) return false;
  }
  return true;
}

/** Whether `actor` holds `permission` for something in `scope` (no scope: anywhere they hold it). */
export function can(actor: Actor, permission: Permission, scope: Scope = {}): boolean {
  if (actor.tokenScopes && !actor.tokenScopes.includes(permission)) return false;
  return actor.grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission) && grantCovers(g, scope));
}

/** The roles the actor holds, through grants that cover `scope`, that carry `permission`. */
export function rolesIn(actor: Actor, permission: Permission, scope: Scope): Role[] {
  if (actor.tokenScopes && !actor.tokenScopes.includes(permission)) return [];
  const roles = actor.grants
    .filter((g) => ROLE_PERMISSIONS[g.role].includes(permission) && grantCovers(g, scope))
    .map((g) => g.role);
  return [...new Set(roles)];
}

/**
 * The organisations where the actor holds `permission` through an organisation-scoped grant, or
 * `'everywhere'` when one of their grants for it is unscoped. Lists are filtered with it.
 */
export function organisationsWhere(actor: Actor, permission: Permission): 'everywhere' | string[] {
  if (actor.tokenScopes && !actor.tokenScopes.includes(permission)) return [];
  const grants = actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
  if (grants.some((g) => g.organisationId === null && g.exerciseId === null)) return 'everywhere';
  return [...new Set(grants.flatMap((g) => (g.organisationId === null ? [] : [g.organisationId])))];
}

/**
 * The permissions the actor holds through a grant not scoped to one organisation or exercise: what
 * they may do to what all organisations share (docs/decisions/0016). The console offers those edits only.
 */
export function sharedPermissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((p) => can(actor, p, SHARED));
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

/**
 * The organisations a person belongs to, read from their grants; null when one grant is not scoped
 * to an organisation (or they hold none): such a person is nobody's to list or manage but an
 * unscoped reader's or administrator's.
 */
function organisationsOfPerson(grants: readonly Pick<Grant, 'organisationId'>[]): string[] | null {
  if (grants.length === 0 || grants.some((g) => g.organisationId === null)) return null;
  return [...new Set(grants.map((g) => g.organisationId!))];
}

/** Whether the actor may read a person with these grants: one of the person's organisations is theirs. */
export function mayReadPerson(actor: Actor, grants: readonly Pick<Grant, 'organisationId'>[]): boolean {
  const orgs = organisationsOfPerson(grants);
  return can(actor, 'users:read', orgs === null ? SHARED : { organisationIds: orgs });
}

/** Whether the actor may manage a person with these grants: every organisation of the person is theirs. */
export function mayManagePerson(actor: Actor, grants: readonly Pick<Grant, 'organisationId'>[]): boolean {
  const orgs = organisationsOfPerson(grants);
  if (orgs === null) return can(actor, 'users:manage', SHARED);
  return orgs.every((o) => can(actor, 'users:manage', { organisationId: o }));
}
