import { formatLocal } from '../../../core/msel/time.js';
import type { TimeContext } from '../../../core/spreadsheet/values.js';
import { planRepository } from '../../../store/plan.repository.js';
import type { ExerciseRow, ObjectiveTable } from '../../../store/schema.js';
import type { Q } from '../../context.js';

/** The exercise's zone, STARTEX and first local day: what zone-less times in a sheet are read against. */
export function timeContext(exercise: ExerciseRow): TimeContext {
  const startex = new Date(exercise.startex);
  const [year, month, day] = formatLocal(startex, exercise.time_zone).slice(0, 10).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  return { zone: exercise.time_zone, startex, startDay: { year, month, day } };
}

/** Every critical task under the exercise's objectives. */
export async function criticalTasksOf(db: Q, objectives: readonly ObjectiveTable[]) {
  const targets = await planRepository.capabilityTargets(
    db,
    objectives.map((o) => o.id),
  );
  return planRepository.criticalTasks(
    db,
    targets.map((t) => t.id),
  );
}
