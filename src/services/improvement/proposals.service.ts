import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/policy/policy.js';
import { AppError, notFound } from '../../errors.js';
import { improvementRepository } from '../../store/improvement.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import type { ActorInfo, AppContext } from '../context.js';
import { editPlan } from '../planning/plan.service.js';

/**
 * A planner's answer to an item proposed to be tested in their exercise. Accepting makes it a real
 * objective of that exercise (its text the corrective action, its capability target the item's
 * capability), linked back from the item; dismissing leaves the plan as it was. Either is the
 * exercise's planning: it needs the right to plan it, is audited on the exercise, and happens once.
 */
export async function decideProposal(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  itemId: string,
  decision: 'accept' | 'dismiss',
): Promise<{ itemId: string; state: 'accepted' | 'dismissed'; objectiveId: string | null }> {
  return editPlan(ctx, who, actor, exerciseId, async (trx) => {
    const item = await improvementRepository.byId(trx, itemId);
    if (!item || item.test_in_exercise_id !== exerciseId) throw notFound('The proposed objective');
    if (item.proposal_state !== 'proposed')
      throw new AppError(
        'improvement_transition',
        409,
        `This proposal was already ${item.proposal_state ?? 'withdrawn'}`,
        'decision',
      );
    const at = ctx.clock.now().toISOString();
    let objectiveId: string | null = null;
    if (decision === 'accept') {
      objectiveId = randomUUID();
      const position = (await planRepository.objectives(trx, exerciseId)).length + 1;
      await planRepository.insertObjective(trx, {
        id: objectiveId,
        exercise_id: exerciseId,
        position,
        text: item.corrective_action,
      });
      await planRepository.insertTarget(trx, {
        id: randomUUID(),
        objective_id: objectiveId,
        core_capability_id: item.capability_id,
        text: item.issue,
      });
    }
    const state = decision === 'accept' ? 'accepted' : 'dismissed';
    const ok = await improvementRepository.update(trx, itemId, Number(item.version), {
      proposal_state: state,
      proposal_objective_id: objectiveId,
      updated_at: at,
    });
    if (!ok) throw new AppError('conflict', 409, 'The item was changed meanwhile: reload and decide again');
    return {
      result: { itemId, state, objectiveId },
      action: decision === 'accept' ? 'improvement.proposal_accepted' : 'improvement.proposal_dismissed',
      detail: { itemId, objectiveId, fromExerciseId: item.exercise_id },
    };
  });
}
