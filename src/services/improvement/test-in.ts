import { can, type Actor } from '../../core/policy/policy.js';
import { badField } from '../../errors.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import type { Q } from '../context.js';
import { readScopeOf } from '../planning/exercises.service.js';

/**
 * The later exercise an item is to be tested in: one the actor may read, other than the item's own,
 * starting after it (a fix is tested by an exercise still to come, not by one before the finding).
 */
export async function checkTestIn(
  db: Q,
  actor: Actor,
  from: Pick<ExerciseRow, 'id' | 'startex'>,
  targetId: string,
): Promise<ExerciseRow> {
  const target = await exerciseRepository.get(db, targetId);
  if (!target || !can(actor, 'exercises:read', await readScopeOf(db, target)))
    throw badField('testInExerciseId', 'no_such_exercise');
  if (target.id === from.id || target.startex <= from.startex)
    throw badField('testInExerciseId', 'not_later_exercise');
  return target;
}
