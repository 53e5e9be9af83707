import { can, type Actor, type Scope } from '../../core/policy/policy.js';
import type { ExerciseRow } from '../../store/schema.js';
import type { ImprovementItemRow } from '../../store/improvement-tables.js';
import type { Q } from '../context.js';
import { readScopesOf } from '../planning/exercises.service.js';

/**
 * Where an item lives: its exercise's organisations (lead and participating) and its responsible
 * organisation. A grant scoped to any of them reaches it, so the agency that must fix something
 * tracks it even if it only watched the exercise that found it.
 */
export type ItemScope = Scope & { organisationIds: readonly string[]; exerciseId: string };

export async function scopesOf(
  db: Q,
  items: readonly Pick<ImprovementItemRow, 'id' | 'exercise_id' | 'responsible_organisation_id'>[],
  exercises: readonly Pick<ExerciseRow, 'id' | 'lead_organisation_id'>[],
): Promise<Map<string, ItemScope>> {
  const byExercise = await readScopesOf(db, exercises);
  return new Map(
    items.map((i) => {
      const at = byExercise.get(i.exercise_id);
      const orgs = new Set([...(at?.organisationIds ?? []), i.responsible_organisation_id]);
      return [i.id, { organisationIds: [...orgs], exerciseId: i.exercise_id }];
    }),
  );
}

export const mayRead = (actor: Actor, scope: ItemScope): boolean => can(actor, 'improvement:read', scope);
export const mayManage = (actor: Actor, scope: ItemScope): boolean => can(actor, 'improvement:manage', scope);
