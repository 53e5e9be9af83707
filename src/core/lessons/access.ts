import { can, type Actor, type Scope } from '../policy/policy.js';

/**
 * Whether a reader finds an exercise's observations and findings in the lessons-learned search:
 * today where they may read its observations (its evaluators and directors, decision 0020), which
 * is also who sees them before the report is final.
 *
 * The one place to widen it: when a final after-action report can be shared (issue 12, "players see
 * the final report only if the director shares it"), pass what the report says about this exercise
 * and let a shared final report open its findings to those it is shared with.
 */
export function mayFindLessonsOf(actor: Actor, exercise: Scope): boolean {
  return can(actor, 'observations:read', exercise);
}
