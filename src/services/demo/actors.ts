import type { Actor, Role } from '../../core/policy/policy.js';
import type { ActorInfo } from '../context.js';

/** Who the loader acts as: a demo person's id for authorship, a global grant for the policy. */
export interface DemoActor {
  info: ActorInfo;
  policy: Actor;
}

/**
 * The loader plays the demo planner and director across every city's exercise. Their stored grants
 * stay scoped to their own organisation; the global grant here lives only for the load. The audit
 * names the loader, so nobody reads these entries as the person's own work.
 */
export function demoActor(userIds: ReadonlyMap<string, string>, username: string, role: Role): DemoActor {
  const userId = userIds.get(username) ?? null;
  return {
    info: { userId, name: `demo data (as ${username})` },
    policy: {
      userId: userId ?? `demo:${username}`,
      grants: [{ role, organisationId: null, exerciseId: null }],
    },
  };
}
