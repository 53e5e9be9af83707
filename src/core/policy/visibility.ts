import { rolesIn, type Actor, type Role, type Scope } from './policy.js';

/**
 * Which fields of a record each role may see, in one table (docs/decisions/0016). A reader sees a
 * field when one of the roles they hold in the record's scope (the exercise, its organisations) is
 * listed for it; a field the table does not name is seen by everyone who may read the record.
 * Whatever a reader may not see leaves the server as null, or not at all for rows.
 */

/** Those who prepare, run and judge the play: they read the whole plan, scenario included. */
export const TRUSTED: readonly Role[] = ['admin', 'director', 'planner', 'controller', 'evaluator'];

export const FIELD_VISIBILITY = {
  /** The threat synopsis and the narrative give the play away. */
  exercise: { threat: TRUSTED, scenario: TRUSTED },
  /** Scenario modules (tabletop) are the narrative in parts. */
  plan: { modules: TRUSTED },
  /** A zone's notes are the planners' working words ("closed for the hostage convoy"). */
  zone: { notes: TRUSTED },
  participation: { notes: TRUSTED },
  /** Who a person is in the system and how to reach them is for those running the exercise. */
  person: { userId: TRUSTED, contact: TRUSTED },
} as const satisfies Record<string, Record<string, readonly Role[]>>;

export type VisibleResource = keyof typeof FIELD_VISIBILITY;
export type HiddenField<R extends VisibleResource> = keyof (typeof FIELD_VISIBILITY)[R] & string;

/**
 * Which of an exercise's people each role sees, by their exercise role; `'all'` for everyone.
 * Players and observers see those they play beside and the safety controller anyone may call on to
 * stop; never trusted agents, actors, simulators, controllers or evaluators, whose identity would
 * change the play. PIOs and authorisers, who only read an exercise to tell the public about it,
 * see nobody.
 */
export const PEOPLE_VISIBLE: Readonly<Record<Role, 'all' | readonly string[]>> = {
  admin: 'all',
  director: 'all',
  planner: 'all',
  controller: 'all',
  evaluator: 'all',
  player: ['player', 'observer', 'safety-controller'],
  observer: ['player', 'observer', 'safety-controller'],
  pio: [],
  authoriser: [],
};

/** What one reader may see of the records in one scope, decided once per request. */
export interface Viewer {
  sees<R extends VisibleResource>(resource: R, field: HiddenField<R>): boolean;
  seesPerson(exerciseRole: string): boolean;
}

/** The viewer an actor is for records in `scope`: the roles they hold there that may read exercises. */
export function viewerOf(actor: Actor, scope: Scope): Viewer {
  return viewerWithRoles(rolesIn(actor, 'exercises:read', scope));
}

export function viewerWithRoles(roles: readonly Role[]): Viewer {
  return {
    sees(resource, field) {
      const allowed = (FIELD_VISIBILITY[resource] as Record<string, readonly Role[]>)[field];
      return allowed === undefined || roles.some((r) => allowed.includes(r));
    },
    seesPerson(exerciseRole) {
      return roles.some((r) => {
        const visible = PEOPLE_VISIBLE[r];
        return visible === 'all' || visible.includes(exerciseRole);
      });
    },
  };
}

/** The system itself (CLI, exports run by the operator): sees everything. */
export const EVERYTHING: Viewer = { sees: () => true, seesPerson: () => true };

/** `value` when the viewer may see the field, otherwise null. */
export function shown<R extends VisibleResource, T>(
  viewer: Viewer,
  resource: R,
  field: HiddenField<R>,
  value: T | null,
): T | null {
  return viewer.sees(resource, field) ? value : null;
}
