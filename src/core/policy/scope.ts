import {
  can,
  decide,
  mayManagePerson,
  mayReadPerson,
  SHARED,
  type Access,
  type Actor,
  type Grant,
  type Permission,
  type Scope,
} from './policy.js';

/**
 * What a route acts on, for organisation scope (docs/decisions/0016):
 * - `exercise`, `notice`, `alert`, `user`, `organisation`: one record of that kind, named by `:id`, which
 *   belongs to organisations; a grant scoped elsewhere does not reach it;
 * - `delivery`: one delivery or fan-out of the outbox, its source's organisation's (docs/decisions/0057);
 * - `shared`: what serves every organisation and belongs to none (the core capabilities, the inject
 *   catalogue, the list of organisations): only unscoped grants change it;
 * - `filtered`: a list, holding only what the caller's grants reach;
 * - `none`: nothing an organisation owns (the caller's own session and tokens, the system).
 */
export const ROUTE_SCOPES = [
  'exercise',
  'notice',
  'alert',
  'comment',
  'delivery',
  'user',
  'organisation',
  'shared',
  'filtered',
  'none',
] as const;
export type RouteScope = (typeof ROUTE_SCOPES)[number];

/** allow; forbidden (403): seen but not theirs to do; hidden (404): not even theirs to know of. */
export type ScopeVerdict = 'allow' | 'forbidden' | 'hidden';

/** Where an exercise lives: for reading, itself, its lead and participating organisations; for planning, its lead. */
export interface ExercisePlaces {
  read: Scope;
  plan: Scope;
}

/** Planning and approving are the lead organisation's; reading is every taking part's. */
const PLANNING: readonly Permission[] = ['exercises:plan', 'msel:approve'];

export function exerciseVerdict(actor: Actor, permission: Permission, at: ExercisePlaces): ScopeVerdict {
  if (!can(actor, 'exercises:read', at.read)) return 'hidden';
  return can(actor, permission, PLANNING.includes(permission) ? at.plan : at.read) ? 'allow' : 'forbidden';
}

/** A notice is its publishing organisation's. */
export function noticeVerdict(actor: Actor, permission: Permission, at: Scope): ScopeVerdict {
  if (!can(actor, 'notices:read', at)) return 'hidden';
  return can(actor, permission, at) ? 'allow' : 'forbidden';
}

/** An alert is its drafting organisation's (none: the installation's, unscoped grants only). */
export function alertVerdict(actor: Actor, permission: Permission, at: Scope): ScopeVerdict {
  if (!can(actor, 'alerts:read', at)) return 'hidden';
  return can(actor, permission, at) ? 'allow' : 'forbidden';
}

/** A comment is moderated inside the organisation of the notice it is under. */
export function commentVerdict(actor: Actor, permission: Permission, at: Scope): ScopeVerdict {
  return can(actor, permission, at) ? 'allow' : 'hidden';
}

/**
 * A delivery or fan-out is its source's organisation's; one of another is not even known of: its
 * address and its failure are that organisation's residents' and players'.
 */
export function deliveryVerdict(actor: Actor, permission: Permission, at: Scope): ScopeVerdict {
  return can(actor, permission, at) ? 'allow' : 'hidden';
}

/** A person is read inside any of their organisations, managed only by whoever holds all of them. */
export function personVerdict(
  actor: Actor,
  permission: Permission,
  grants: readonly Pick<Grant, 'organisationId'>[],
): ScopeVerdict {
  if (!mayReadPerson(actor, grants)) return 'hidden';
  if (permission === 'users:manage') return mayManagePerson(actor, grants) ? 'allow' : 'forbidden';
  return 'allow';
}

/** An organisation's own record (its name, its units) is changed by its administrators. */
export function organisationVerdict(
  actor: Actor,
  permission: Permission,
  organisationId: string,
): ScopeVerdict {
  return can(actor, permission, { organisationId }) ? 'allow' : 'forbidden';
}

export function sharedVerdict(actor: Actor, permission: Permission): ScopeVerdict {
  return can(actor, permission, SHARED) ? 'allow' : 'forbidden';
}

/**
 * The route × role × scope answer for the generated table: a route of `kind`, called by `actor`,
 * about a record of organisation `owner`. The same verdict functions the requests are decided with.
 */
export function verdictFor(access: Access, kind: RouteScope, actor: Actor, owner: string): ScopeVerdict {
  const route = decide(access, actor);
  if (route !== 'allow') return 'forbidden';
  if (access === 'public' || access === 'authenticated') return 'allow';
  switch (kind) {
    case 'exercise':
      return exerciseVerdict(actor, access, {
        read: { exerciseId: 'x', organisationIds: [owner] },
        plan: { exerciseId: 'x', organisationId: owner },
      });
    case 'notice':
      return noticeVerdict(actor, access, { organisationId: owner });
    case 'alert':
      return alertVerdict(actor, access, { organisationId: owner });
    case 'comment':
      return commentVerdict(actor, access, { organisationId: owner });
    case 'delivery':
      return deliveryVerdict(actor, access, { organisationId: owner });
    case 'user':
      return personVerdict(actor, access, [{ organisationId: owner }]);
    case 'organisation':
      return organisationVerdict(actor, access, owner);
    case 'shared':
      return sharedVerdict(actor, access);
    case 'filtered':
    case 'none':
      return 'allow';
  }
}
