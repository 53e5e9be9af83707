import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/policy/policy.js';
import { badField, notFound } from '../../errors.js';
import { planRepository } from '../../store/plan.repository.js';
import type { ActorInfo, AppContext } from '../context.js';
import { cleanParagraphs, cleanText } from '../text.js';
import { editPlan } from './plan.service.js';

/** A tabletop's scenario module: what facilitators read out, and the questions they put to players. */
export interface ModuleInput {
  title: string;
  narrative: string;
  questions?: string[] | undefined;
}

export function checkModule(input: ModuleInput) {
  return {
    title: cleanText(input.title, 'title', 200),
    narrative: cleanParagraphs(input.narrative, 'narrative', 50_000),
    questions: JSON.stringify((input.questions ?? []).map((q, i) => cleanText(q, `questions[${i}]`, 1000))),
  };
}

/** Adds a module after the exercise's others. */
export async function addModule(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: ModuleInput,
): Promise<string> {
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const id = randomUUID();
    const existing = await planRepository.modules(trx, exerciseId);
    // After the last, not at count + 1: positions left by a removed module would otherwise repeat.
    const position = Math.max(0, ...existing.map((m) => m.position)) + 1;
    await planRepository.insertModule(trx, { id, exercise_id: exerciseId, position, ...checkModule(input) });
    return { result: id, action: 'module.created', detail: { moduleId: id } };
  });
}

export async function updateModule(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  moduleId: string,
  input: ModuleInput,
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    if ((await planRepository.updateModule(trx, exerciseId, moduleId, checkModule(input))) === 0)
      throw notFound('Scenario module');
    return { result: undefined, action: 'module.updated', detail: { moduleId } };
  });
}

/** Puts the modules in the given order; modules left out keep their order after the given ones. */
export async function reorderModules(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  ids: string[],
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const rows = await planRepository.modules(trx, exerciseId);
    const known = new Set(rows.map((r) => r.id));
    const unknown = ids.find((i) => !known.has(i));
    if (unknown) throw badField('ids', 'module_not_in_exercise', { id: unknown });
    if (new Set(ids).size !== ids.length) throw badField('ids', 'listed_twice');
    const order = [...ids, ...rows.map((r) => r.id).filter((i) => !ids.includes(i))];
    for (const [i, id] of order.entries())
      await planRepository.updateModule(trx, exerciseId, id, { position: i + 1 });
    return { result: undefined, action: 'modules.reordered', detail: { ids: order } };
  });
}
