import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/core/policy/policy.js';
import type { AppContext } from '../../src/services/context.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createFinding } from '../../src/services/evaluation/findings.service.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { shippedCapability } from '../support/capabilities.js';
import { insertExercise } from '../support/exercise-row.js';

export const ADMIN: Actor = {
  userId: 'admin',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

export interface LessonsFixture {
  orgA: string;
  orgB: string;
  karaganda: {
    exerciseId: string;
    capability: string;
    objective: string;
    task: string;
    observations: string[];
  };
  pavlodar: { exerciseId: string; capability: string; observations: string[] };
}

/** An exercise led by `organisationId` with one objective, capability target and critical task. */
async function exercise(
  ctx: AppContext,
  o: { name: string; city: string; hazard: string; organisationId: string; capability: string },
) {
  const db = ctx.db.kysely;
  const exerciseId = randomUUID();
  const at = new Date().toISOString();
  await insertExercise(db, {
    id: exerciseId,
    name: o.name,
    status: 'ended',
    city: o.city,
    hazard: o.hazard,
    lead_organisation_id: o.organisationId,
    msel_approval: 'approved',
    created_at: at,
  });
  const objective = randomUUID();
  const target = randomUUID();
  const task = randomUUID();
  await db
    .insertInto('objectives')
    .values({ id: objective, exercise_id: exerciseId, position: 0, text: 'Cordon' })
    .execute();
  await db
    .insertInto('capability_targets')
    .values({
      id: target,
      objective_id: objective,
      core_capability_id: o.capability,
      position: 0,
      text: 'Cordon set',
    })
    .execute();
  await db
    .insertInto('critical_tasks')
    .values({ id: task, capability_target_id: target, position: 0, text: 'Close the road' })
    .execute();
  return { exerciseId, objective, task };
}

/** Stores an observation as the evaluator's device would have; the search index follows by itself. */
export async function observe(
  ctx: AppContext,
  exerciseId: string,
  text: string,
  links: { tasks?: string[]; objectives?: string[] } = {},
): Promise<string> {
  const id = randomUUID();
  await ctx.db.kysely
    .insertInto('observations')
    .values({
      id,
      exercise_id: exerciseId,
      author_id: 'evaluator',
      author_name: 'Evaluator',
      fingerprint: id,
      text,
      observed_at: '2026-10-25T05:00:00.000Z',
      exercise_seconds: 3600,
      exercise_time: 'H+01:00:00',
      scenario_time: null,
      venue_id: null,
      team_id: null,
      lon: null,
      lat: null,
      objective_ids: JSON.stringify(links.objectives ?? []),
      critical_task_ids: JSON.stringify(links.tasks ?? []),
      photo_type: null,
      received_at: '2026-10-25T05:00:01.000Z',
    })
    .execute();
  return id;
}

async function capability(ctx: AppContext, name: string): Promise<string> {
  const id = randomUUID();
  await ctx.db.kysely
    .insertInto('core_capabilities')
    .values({ id, name, mission_area: 'response', description: '', builtin: 0 })
    .execute();
  return id;
}

/**
 * Two past exercises of two organisations: Karaganda (org A, terrorist attack) with Kazakh, Russian
 * and English observations and findings; Pavlodar (org B, fire) with its own.
 */
export async function buildLessons(ctx: AppContext): Promise<LessonsFixture> {
  const orgA = (await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Karaganda police', kind: 'police' })).id;
  const orgB = (
    await createOrganisation(ctx, SYSTEM_ACTOR, {
      name: 'Pavlodar fire service',
      kind: 'emergency-situations',
    })
  ).id;
  const security = await capability(ctx, 'On-scene security, protection and law enforcement');
  const fire = await shippedCapability(ctx, 'fire-management-and-suppression');
  const k = await exercise(ctx, {
    name: 'Karaganda school seizure',
    city: 'Karaganda',
    hazard: 'terrorist_attack',
    organisationId: orgA,
    capability: security,
  });
  const p = await exercise(ctx, {
    name: 'Pavlodar power plant',
    city: 'Pavlodar',
    hazard: 'fire',
    organisationId: orgB,
    capability: fire,
  });
  const kObs = [
    await observe(ctx, k.exerciseId, 'Патруль оцепил периметр школы за шесть минут', { tasks: [k.task] }),
    await observe(ctx, k.exerciseId, 'Полиция мектеп маңындағы қоршауды кешіктіріп қойды', {
      objectives: [k.objective],
    }),
    await observe(ctx, k.exerciseId, 'Medics triaged casualties at the school gate "quickly"'),
  ];
  await createFinding(ctx, SYSTEM_ACTOR, ADMIN, k.exerciseId, {
    capabilityId: security,
    kind: 'strength',
    text: 'Оцепление периметра выставлено быстро',
    analysis: 'Патрули знали маршруты заранее',
    observationIds: [kObs[0]!],
  });
  await createFinding(ctx, SYSTEM_ACTOR, ADMIN, k.exerciseId, {
    capabilityId: security,
    kind: 'improvement',
    text: 'Radio handover between police and medics failed',
    analysis: 'Root cause: no shared talk group. Consequence: casualties waited at the cordon.',
    observationIds: [kObs[2]!],
  });
  const pObs = [
    await observe(ctx, p.exerciseId, 'Өрт сөндірушілер турбина залына 12 минутта жетті', { tasks: [p.task] }),
    await observe(ctx, p.exerciseId, 'Cordon around the turbine hall was never set'),
  ];
  await createFinding(ctx, SYSTEM_ACTOR, ADMIN, p.exerciseId, {
    capabilityId: fire,
    kind: 'improvement',
    text: 'Өрт сөндіру сорғыларына су жеткіліксіз болды',
    analysis: '',
  });
  return {
    orgA,
    orgB,
    karaganda: {
      exerciseId: k.exerciseId,
      capability: security,
      objective: k.objective,
      task: k.task,
      observations: kObs,
    },
    pavlodar: { exerciseId: p.exerciseId, capability: fire, observations: pObs },
  };
}
