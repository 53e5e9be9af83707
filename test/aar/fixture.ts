import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/core/policy/policy.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import type { AppContext } from '../../src/services/context.js';
import { recordObservation } from '../../src/services/observations/observations.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';

export const director: Actor = {
  userId: 'u-d',
  grants: [{ role: 'director', organisationId: null, exerciseId: null }],
};
export const evaluator: Actor = {
  userId: 'u-e',
  grants: [{ role: 'evaluator', organisationId: null, exerciseId: null }],
};
export const directorInfo = { userId: 'u-d', name: 'Director Serik' };
export const evaluatorInfo = { userId: 'u-e', name: 'Evaluator Aliya' };

export interface ReportFixture extends ConductFixture {
  plan: { objective: string; target: string; task: string; capability: string };
  observe(text: string): Promise<string>;
}

/**
 * A conduct exercise with one objective → capability target → critical task, started, so
 * evaluators can observe it: what a report is drafted from.
 */
export async function buildReportExercise(ctx: AppContext, language = 'en'): Promise<ReportFixture> {
  const fx = await buildConductExercise(ctx);
  const db = ctx.db.kysely;
  const plan = {
    objective: randomUUID(),
    target: randomUUID(),
    task: randomUUID(),
    capability: randomUUID(),
  };
  await db.updateTable('exercises').set({ language }).where('id', '=', fx.exerciseId).execute();
  await db
    .insertInto('core_capabilities')
    .values({
      id: plan.capability,
      name: 'On-scene security',
      mission_area: 'response',
      description: '',
      builtin: 0,
    })
    .execute();
  await db
    .insertInto('objectives')
    .values({ id: plan.objective, exercise_id: fx.exerciseId, position: 0, text: 'Cordon in 10 minutes' })
    .execute();
  await db
    .insertInto('capability_targets')
    .values({
      id: plan.target,
      objective_id: plan.objective,
      core_capability_id: plan.capability,
      position: 0,
      text: 'Outer cordon set',
    })
    .execute();
  await db
    .insertInto('critical_tasks')
    .values({ id: plan.task, capability_target_id: plan.target, position: 0, text: 'Close the road' })
    .execute();
  await clockCommand(ctx, directorInfo, director, fx.exerciseId, {
    command: 'startex',
    confirmName: fx.name,
    plannedStart: PLANNED_START,
    reason: 'replayed for the report',
  });
  return {
    ...fx,
    plan,
    observe: async (text) => {
      const id = randomUUID();
      await recordObservation(ctx, evaluatorInfo, evaluator, fx.exerciseId, id, {
        observedAt: new Date().toISOString(),
        text,
        objectiveIds: [plan.objective],
        criticalTaskIds: [plan.task],
      });
      return id;
    },
  };
}
