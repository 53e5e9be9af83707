import { can, type Actor } from '../../core/policy/policy.js';
import { forbidden, notFound } from '../../errors.js';
import type { ExerciseRow } from '../../store/schema.js';
import type { Q } from '../context.js';
import { getExerciseRow, readScopeOf, type ExerciseScope } from '../planning/exercises.service.js';

/**
 * The exercise, if the actor holds `permission` there. One they may not even read is "not found"
 * (as for observations); one they read but may not evaluate is "forbidden": players, observers and
 * controllers never see ratings before the report is final (decision 0028).
 */
export async function evaluated(
  db: Q,
  actor: Actor,
  exerciseId: string,
  permission: 'ratings:read' | 'ratings:record',
): Promise<{ row: ExerciseRow; scope: ExerciseScope }> {
  const row = await getExerciseRow(db, exerciseId);
  const scope = await readScopeOf(db, row);
  if (!can(actor, 'exercises:read', scope)) throw notFound('Exercise');
  if (!can(actor, permission, scope))
    throw forbidden(
      permission === 'ratings:record'
        ? 'Only the exercise’s evaluators rate it'
        : 'Until the report is final, only the exercise’s evaluators and directors see its evaluation',
    );
  return { row, scope };
}
