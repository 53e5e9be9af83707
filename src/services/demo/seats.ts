import { can, type Actor, type Permission, type Role } from '../../core/policy/policy.js';
import { userRepository } from '../../store/user.repository.js';
import type { AppContext } from '../context.js';
import { grantRole } from '../users.service.js';
import type { DemoExercise } from './types.js';

/** The account's role for a part in the plan, and what that role must be able to do in the exercise. */
const ACTS_AS: Readonly<Record<string, { role: Role; needs: Permission }>> = {
  director: { role: 'director', needs: 'exercises:conduct' },
  'senior-controller': { role: 'controller', needs: 'exercises:conduct' },
  controller: { role: 'controller', needs: 'exercises:conduct' },
  'safety-controller': { role: 'controller', needs: 'exercises:conduct' },
  'lead-evaluator': { role: 'evaluator', needs: 'observations:record' },
  evaluator: { role: 'evaluator', needs: 'observations:record' },
  player: { role: 'player', needs: 'exercises:play' },
  observer: { role: 'observer', needs: 'exercises:read' },
};

/** The loader grants as an administrator would; it lives only for the load, as demoActor's do. */
const GRANTER: Actor = {
  userId: 'demo:admin',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

/**
 * A demo account placed in an exercise led by another organisation than its own (the republican
 * director of Karaganda's exercise) could not run, evaluate or play it: running an exercise is its
 * lead organisation's. As an administrator does for such a person, the account is given its role in
 * that one exercise. Returns how many grants were added; a second load adds none.
 */
export async function seatDemoAccounts(
  ctx: AppContext,
  spec: DemoExercise,
  exercise: { id: string; lead_organisation_id: string | null },
  userIds: ReadonlyMap<string, string>,
): Promise<number> {
  let added = 0;
  const scope = { exerciseId: exercise.id, organisationId: exercise.lead_organisation_id };
  for (const person of spec.people) {
    const userId = person.user ? userIds.get(person.user) : undefined;
    const part = ACTS_AS[person.role];
    if (!userId || !part) continue;
    const grants = await userRepository.grants(ctx.db.kysely, [userId]);
    const actor: Actor = {
      userId,
      grants: grants.map((g) => ({
        role: g.role as Role,
        organisationId: g.organisation_id,
        exerciseId: g.exercise_id,
      })),
    };
    if (can(actor, part.needs, scope)) continue;
    await grantRole(ctx, { userId: null, name: 'demo data' }, GRANTER, userId, {
      role: part.role,
      exerciseId: exercise.id,
    });
    added++;
  }
  return added;
}
