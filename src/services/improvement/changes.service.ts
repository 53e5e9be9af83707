import { IMPROVEMENT_STATUSES, mayMove, type ImprovementStatus } from '../../core/improvement/improvement.js';
import type { Actor } from '../../core/policy/policy.js';
import { AppError, badField, forbidden } from '../../errors.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import { improvementRepository } from '../../store/improvement.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { getItem, readableItem } from './items.service.js';
import type { ImprovementItem } from './model.js';
import { mayManage } from './scope.js';
import { checkTestIn } from './test-in.js';

const changedMeanwhile = () =>
  new AppError('conflict', 409, 'The item was changed by someone else meanwhile: reload it and try again');

/** Loads an item for a change by a manager of it; the version, when given, must be the one they saw. */
async function forChange(ctx: AppContext, actor: Actor, id: string, version: number | undefined) {
  const { row, scope } = await readableItem(ctx.db.kysely, actor, id);
  if (!mayManage(actor, scope)) throw forbidden('Only directors and planners change improvement items');
  if (version !== undefined && version !== Number(row.version)) throw changedMeanwhile();
  return row;
}

/** Moves an item to another status, if the rules allow that move; every move is audited. */
export async function setItemStatus(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  id: string,
  input: { status: string; version?: number | undefined },
): Promise<ImprovementItem> {
  if (!(IMPROVEMENT_STATUSES as readonly string[]).includes(input.status))
    throw badField('status', 'one_of', { allowed: IMPROVEMENT_STATUSES.join(', ') });
  const to = input.status as ImprovementStatus;
  const row = await forChange(ctx, actor, id, input.version);
  const from = row.status as ImprovementStatus;
  if (!mayMove(from, to))
    throw new AppError(
      'improvement_transition',
      409,
      `An item that is ${from} cannot become ${to}`,
      'status',
      undefined,
      { from, to },
    );
  const at = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const ok = await improvementRepository.update(trx, id, Number(row.version), {
      status: to,
      status_changed_at: at,
      updated_at: at,
    });
    if (!ok) throw changedMeanwhile();
    await appendAudit(ctx, trx, who, {
      action: 'improvement.status',
      subjectType: 'improvement',
      subjectId: id,
      detail: { from, to, exerciseId: row.exercise_id },
    });
  });
  return getItem(ctx, actor, id);
}

/**
 * Marks an item to be tested in a later exercise (or clears it, with null): it is proposed there
 * as an objective until that exercise's planner accepts or dismisses it. Once accepted it stays.
 */
export async function setItemTestIn(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  id: string,
  input: { exerciseId: string | null; version?: number | undefined },
): Promise<ImprovementItem> {
  const db = ctx.db.kysely;
  const row = await forChange(ctx, actor, id, input.version);
  if (row.proposal_state === 'accepted')
    throw new AppError(
      'improvement_transition',
      409,
      'The later exercise already made an objective of this item; it stays tested there',
      'exerciseId',
    );
  const from = (await exerciseRepository.get(db, row.exercise_id))!;
  const target = input.exerciseId ? await checkTestIn(db, actor, from, input.exerciseId) : null;
  const at = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const ok = await improvementRepository.update(trx, id, Number(row.version), {
      test_in_exercise_id: target?.id ?? null,
      proposal_state: target ? 'proposed' : null,
      proposal_objective_id: null,
      updated_at: at,
    });
    if (!ok) throw changedMeanwhile();
    await appendAudit(ctx, trx, who, {
      action: 'improvement.test_in',
      subjectType: 'improvement',
      subjectId: id,
      detail: { exerciseId: row.exercise_id, testInExerciseId: target?.id ?? null },
    });
  });
  return getItem(ctx, actor, id);
}
