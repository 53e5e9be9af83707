import { randomUUID } from 'node:crypto';
import { parseCriterion } from '../../core/evaluation/metrics.js';
import type { Actor } from '../../core/policy/policy.js';
import { badField, notFound, refusedAs } from '../../errors.js';
import { planRepository } from '../../store/plan.repository.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { cleanText } from '../text.js';
import { editPlan } from './plan.service.js';

/**
 * An objective's new text and, when given, its whole list of capability targets in their new order.
 * Targets and tasks that carry an `id` are the existing ones, kept (so MSEL links to a task survive
 * an edit of its wording); those without are new; those left out are removed.
 */
export interface ObjectiveChange {
  text?: string | undefined;
  capabilityTargets?:
    | {
        id?: string | undefined;
        coreCapabilityId: string;
        text: string;
        criticalTasks?:
          | {
              id?: string | undefined;
              text: string;
              /** A measurable criterion; null removes it; absent keeps what the task had. */
              criterion?: unknown;
            }[]
          | undefined;
      }[]
    | undefined;
}

export async function updateObjective(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  objectiveId: string,
  change: ObjectiveChange,
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    if (!(await planRepository.objectives(trx, exerciseId)).some((o) => o.id === objectiveId))
      throw notFound('Objective');
    if (change.text !== undefined)
      await planRepository.updateObjective(
        trx,
        exerciseId,
        objectiveId,
        cleanText(change.text, 'text', 2000),
      );
    const counts = change.capabilityTargets
      ? await replaceTargets(trx, exerciseId, objectiveId, change.capabilityTargets)
      : null;
    return {
      result: undefined,
      action: 'objective.updated',
      detail: { objectiveId, textChanged: change.text !== undefined, ...counts },
    };
  });
}

/**
 * The criteria sent with the tasks, checked (an inject number the exercise has, a team of the
 * exercise), as the JSON to store keyed "target/task"; null clears, a missing key keeps.
 */
async function checkCriteria(
  trx: Q,
  exerciseId: string,
  targets: NonNullable<ObjectiveChange['capabilityTargets']>,
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const sent = targets.flatMap((t, i) => (t.criticalTasks ?? []).map((k, j) => ({ i, j, raw: k.criterion })));
  if (!sent.some((s) => s.raw !== undefined)) return out;
  const [numbers, teams] = await Promise.all([
    planRepository.injectNumbers(trx, exerciseId),
    planRepository.teams(trx, exerciseId),
  ]);
  const teamIds = new Set(teams.map((t) => t.id));
  for (const { i, j, raw } of sent) {
    if (raw === undefined) continue;
    const field = `capabilityTargets[${i}].criticalTasks[${j}].criterion`;
    if (raw === null) {
      out.set(`${i}/${j}`, null);
      continue;
    }
    const parsed = parseCriterion(raw);
    if ('problem' in parsed)
      throw refusedAs(
        parsed.problem.field ? `${field}.${parsed.problem.field}` : field,
        parsed.problem.problem,
        parsed.problem.key,
        parsed.problem.params,
      );
    const c = parsed.criterion;
    if (!numbers.has(c.injectNumber)) throw badField(`${field}.injectNumber`, 'no_such_inject_number');
    if (c.teamId !== null && !teamIds.has(c.teamId)) throw badField(`${field}.teamId`, 'no_such_team');
    out.set(`${i}/${j}`, JSON.stringify(c));
  }
  return out;
}

async function replaceTargets(
  trx: Q,
  exerciseId: string,
  objectiveId: string,
  targets: NonNullable<ObjectiveChange['capabilityTargets']>,
) {
  const before = await planRepository.capabilityTargets(trx, [objectiveId]);
  const tasksBefore = await planRepository.criticalTasks(
    trx,
    before.map((t) => t.id),
  );
  const capabilities = new Set((await planRepository.coreCapabilities(trx)).map((c) => c.id));
  const keptTargets = new Set<string>();
  const keptTasks = new Set<string>();
  // Every id is checked before anything is written, so a bad one names its field and changes nothing.
  targets.forEach((t, i) => {
    const at = `capabilityTargets[${i}]`;
    if (t.id !== undefined) {
      if (!before.some((b) => b.id === t.id)) throw badField(`${at}.id`, 'not_target_of_objective');
      if (keptTargets.has(t.id)) throw badField(`${at}.id`, 'listed_twice');
      keptTargets.add(t.id);
    }
    if (!capabilities.has(t.coreCapabilityId))
      throw badField(`${at}.coreCapabilityId`, 'no_such_core_capability');
    (t.criticalTasks ?? []).forEach((k, j) => {
      if (k.id === undefined) return;
      if (!tasksBefore.some((b) => b.id === k.id))
        throw badField(`${at}.criticalTasks[${j}].id`, 'not_task_of_objective');
      if (keptTasks.has(k.id)) throw badField(`${at}.criticalTasks[${j}].id`, 'listed_twice');
      keptTasks.add(k.id);
    });
  });
  const criteria = await checkCriteria(trx, exerciseId, targets);
  const removedTasks = tasksBefore.filter((k) => !keptTasks.has(k.id)).map((k) => k.id);
  const removedTargets = before.filter((t) => !keptTargets.has(t.id)).map((t) => t.id);
  await planRepository.deleteTasks(trx, removedTasks);
  await planRepository.deleteTargets(trx, removedTargets);
  for (const [i, t] of targets.entries()) {
    const at = `capabilityTargets[${i}]`;
    const fields = {
      core_capability_id: t.coreCapabilityId,
      text: cleanText(t.text, `${at}.text`, 2000),
      position: i + 1,
    };
    const targetId = t.id ?? randomUUID();
    if (t.id) await planRepository.updateTarget(trx, t.id, fields);
    else await planRepository.insertTarget(trx, { id: targetId, objective_id: objectiveId, ...fields });
    for (const [j, k] of (t.criticalTasks ?? []).entries()) {
      // A task may move to another target of the same objective; it keeps its id and its MSEL links.
      const criterion = criteria.get(`${i}/${j}`);
      const task = {
        capability_target_id: targetId,
        position: j + 1,
        text: cleanText(k.text, `${at}.criticalTasks[${j}].text`, 1000),
        ...(criterion !== undefined ? { criterion } : {}),
      };
      if (k.id) await planRepository.updateTask(trx, k.id, task);
      else await planRepository.insertTask(trx, { id: randomUUID(), ...task });
    }
  }
  return {
    targets: targets.length,
    removedTargets: removedTargets.length,
    removedCriticalTasks: removedTasks.length,
  };
}
