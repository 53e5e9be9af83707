import type { Objective } from '../../../api/planningTypes';

/** A critical task as an inject links to it: numbered objective.target.task, as the plan lists them. */
export interface TaskLink {
  id: string;
  code: string;
  text: string;
  objectiveId: string;
}

/** Every critical task of the plan by id, numbered in plan order. */
export function taskLinks(objectives: readonly Objective[]): ReadonlyMap<string, TaskLink> {
  const out = new Map<string, TaskLink>();
  objectives.forEach((o, i) =>
    o.capabilityTargets.forEach((target, j) =>
      target.criticalTasks.forEach((task, k) =>
        out.set(task.id, {
          id: task.id,
          code: `${i + 1}.${j + 1}.${k + 1}`,
          text: task.text,
          objectiveId: o.id,
        }),
      ),
    ),
  );
  return out;
}

/**
 * What an inject is linked to when saved: the objective chosen, plus the objectives of the chosen
 * tasks (a task is evaluated under its objective), without repeats.
 */
export function linkedObjectives(
  objectiveIds: readonly string[],
  taskIds: readonly string[],
  tasks: ReadonlyMap<string, TaskLink>,
): string[] {
  const owners = taskIds.flatMap((id) => tasks.get(id)?.objectiveId ?? []);
  return [...new Set([...objectiveIds, ...owners])];
}
