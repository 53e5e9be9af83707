import type { Objective, ObjectiveChange } from '../../../api/planningTypes';

/** What the objective form edits; `key` tells React which row is which while ids are still missing. */
export interface TaskDraft {
  key: string;
  id?: string;
  text: string;
}
export interface TargetDraft {
  key: string;
  id?: string;
  coreCapabilityId: string;
  text: string;
  tasks: TaskDraft[];
}
export interface ObjectiveDraft {
  text: string;
  targets: TargetDraft[];
}

let counter = 0;
export const newKey = (): string => `new-${++counter}`;

export function draftOf(objective: Objective): ObjectiveDraft {
  return {
    text: objective.text,
    targets: objective.capabilityTargets.map((t) => ({
      key: t.id,
      id: t.id,
      coreCapabilityId: t.coreCapabilityId,
      text: t.text,
      tasks: t.criticalTasks.map((k) => ({ key: k.id, id: k.id, text: k.text })),
    })),
  };
}

/** The whole list goes back, with ids where rows existed, so the server keeps what was kept. */
export function changeOf(draft: ObjectiveDraft): ObjectiveChange {
  return {
    text: draft.text.trim(),
    capabilityTargets: draft.targets.map((t) => ({
      ...(t.id ? { id: t.id } : {}),
      coreCapabilityId: t.coreCapabilityId,
      text: t.text.trim(),
      criticalTasks: t.tasks.map((k) => ({ ...(k.id ? { id: k.id } : {}), text: k.text.trim() })),
    })),
  };
}
