import type { InjectStep } from '../../../../../src/core/evaluation/metrics';
import type { Criterion, Objective, ObjectiveChange } from '../../../api/planningTypes';

/** A criterion as the form holds it: '' for "any team" and for "no time limit". */
export interface CriterionDraft {
  injectNumber: string;
  step: InjectStep;
  teamId: string;
  within: string | number;
}

/** What the objective form edits; `key` tells React which row is which while ids are still missing. */
export interface TaskDraft {
  key: string;
  id?: string;
  text: string;
  /** null: judged by evaluators only. */
  criterion: CriterionDraft | null;
  /** The criterion as loaded (JSON), so only a changed one is sent and an untouched one is kept. */
  initial: string;
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

export const newTask = (): TaskDraft => ({ key: newKey(), text: '', criterion: null, initial: 'null' });

export function criterionDraftOf(c: Criterion): CriterionDraft {
  return {
    injectNumber: c.injectNumber,
    step: c.step,
    teamId: c.teamId ?? '',
    within: c.withinMinutes ?? '',
  };
}

/** The criterion to send, in the API's shape; checking it (the numbers, the team) is the server's. */
export function criterionOf(d: CriterionDraft | null): Criterion | null {
  if (!d) return null;
  const within = typeof d.within === 'string' ? d.within.trim() : d.within;
  return {
    kind: 'inject_step',
    injectNumber: d.injectNumber,
    step: d.step,
    teamId: d.teamId || null,
    withinMinutes: within === '' ? null : Number(within),
  };
}

/** The task as sent: its criterion only when it changed (absent keeps what the server has). */
function taskChange(k: TaskDraft): ObjectiveTaskChange {
  const criterion = criterionOf(k.criterion);
  return {
    ...(k.id ? { id: k.id } : {}),
    text: k.text.trim(),
    ...(JSON.stringify(criterion) !== k.initial ? { criterion } : {}),
  };
}
type ObjectiveTaskChange = NonNullable<ObjectiveChange['capabilityTargets']>[number]['criticalTasks'][number];

export function draftOf(objective: Objective): ObjectiveDraft {
  return {
    text: objective.text,
    targets: objective.capabilityTargets.map((t) => ({
      key: t.id,
      id: t.id,
      coreCapabilityId: t.coreCapabilityId,
      text: t.text,
      tasks: t.criticalTasks.map((k) => {
        const criterion = k.criterion ? criterionDraftOf(k.criterion) : null;
        return {
          key: k.id,
          id: k.id,
          text: k.text,
          criterion,
          initial: JSON.stringify(criterionOf(criterion)),
        };
      }),
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
      criticalTasks: t.tasks.map(taskChange),
    })),
  };
}

const CRITERION_FIELD =
  /^capabilityTargets(?:\[(\d+)\]|\.(\d+))\.criticalTasks(?:\[(\d+)\]|\.(\d+))\.criterion(?:\.(\w+))?$/;
const DRAFT_FIELD: Record<string, keyof CriterionDraft> = {
  injectNumber: 'injectNumber',
  step: 'step',
  teamId: 'teamId',
  withinMinutes: 'within',
};

/**
 * Where a refused field of the request sits: the task (target and task index, as sent) and the
 * criterion's field as the form names it, or null when the field is not a criterion's. Both spellings
 * the API uses are read: "a[0].b[1].c" from the service's checks and "a.0.b.1.c" from the schema's.
 */
export function criterionFieldOf(
  field: string | undefined,
): { target: number; task: number; field: keyof CriterionDraft | 'criterion' } | null {
  const m = field ? CRITERION_FIELD.exec(field) : null;
  if (!m) return null;
  return {
    target: Number(m[1] ?? m[2]),
    task: Number(m[3] ?? m[4]),
    field: (m[5] && DRAFT_FIELD[m[5]]) || 'criterion',
  };
}
