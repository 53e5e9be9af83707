import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../src/services/context.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { shippedCapability } from '../support/capabilities.js';

export interface EvaluationFixture extends ConductFixture {
  capability: string;
  objective: string;
  targets: { cordon: string; triage: string };
  tasks: { road: string; perimeter: string; triage: string };
  venue: string;
  observations: { cordon: string; triage: string };
  inject: string;
  report: string;
}

/**
 * A conducted exercise ready to evaluate: an objective with two capability targets (of one core
 * capability) and three critical tasks; an inject aimed at the cordon that fired, was reported on by
 * a player, and two observations, one per target. Rows are written as the live exercise would have.
 */
export async function buildEvaluationExercise(ctx: AppContext, name?: string): Promise<EvaluationFixture> {
  const fx = await buildConductExercise(ctx, name);
  const db = ctx.db.kysely;
  const objective = randomUUID();
  const targets = { cordon: randomUUID(), triage: randomUUID() };
  const tasks = { road: randomUUID(), perimeter: randomUUID(), triage: randomUUID() };
  const venue = randomUUID();
  // A capability of the shipped catalogue: its id is a key, not a UUID.
  const capability = await shippedCapability(ctx, 'on-scene-security-protection-and-law-enforcement');
  await db
    .insertInto('venues')
    .values({
      id: venue,
      exercise_id: fx.exerciseId,
      name: 'School No. 12',
      kind: 'school',
      address: null,
      lon: 73.1,
      lat: 49.8,
      footprint: null,
    })
    .execute();
  await db
    .insertInto('objectives')
    .values({
      id: objective,
      exercise_id: fx.exerciseId,
      position: 0,
      text: 'Secure the school within 10 minutes',
    })
    .execute();
  await db
    .insertInto('capability_targets')
    .values([
      {
        id: targets.cordon,
        objective_id: objective,
        core_capability_id: capability,
        position: 0,
        text: 'Outer cordon set',
      },
      {
        id: targets.triage,
        objective_id: objective,
        core_capability_id: capability,
        position: 1,
        text: 'Casualties triaged',
      },
    ])
    .execute();
  await db
    .insertInto('critical_tasks')
    .values([
      { id: tasks.road, capability_target_id: targets.cordon, position: 0, text: 'Close the road' },
      { id: tasks.perimeter, capability_target_id: targets.cordon, position: 1, text: 'Hold the perimeter' },
      { id: tasks.triage, capability_target_id: targets.triage, position: 0, text: 'Triage the wounded' },
    ])
    .execute();
  // The inject of MSEL event 3 (patrol) aims at closing the road.
  await db
    .updateTable('msel_events')
    .set({ critical_task_ids: JSON.stringify([tasks.road]) })
    .where('id', '=', fx.events['3']!.id)
    .execute();
  const inject = randomUUID();
  const fired = new Date(Date.parse(PLANNED_START) + 30 * 60_000).toISOString();
  await db
    .insertInto('inject_runs')
    .values({
      id: inject,
      exercise_id: fx.exerciseId,
      event_id: fx.events['3']!.id,
      number: '3',
      position: 2,
      title: 'Inject 3 title',
      content: 'Shots near the school',
      method: 'email',
      to_team_ids: JSON.stringify([fx.teams.patrol]),
      due_seconds: 1800,
      contingency: 0,
      status: 'fired',
      release_at: null,
      fired_at: fired,
      fired_how: 'clock',
      changed_by_id: null,
      changed_by_name: null,
      edited_at: null,
      updated_at: fired,
    })
    .execute();
  const report = randomUUID();
  await db
    .insertInto('player_reports')
    .values({
      id: report,
      exercise_id: fx.exerciseId,
      inject_run_id: inject,
      user_id: null,
      person_id: null,
      team_id: fx.teams.patrol,
      author_name: 'Patrol officer A',
      text: 'Road closed at the north gate',
      photo_type: null,
      photo: null,
      latitude: null,
      longitude: null,
      created_at: new Date(Date.parse(fired) + 7 * 60_000).toISOString(),
    })
    .execute();
  const observations = { cordon: randomUUID(), triage: randomUUID() };
  const observation = (id: string, text: string, minutes: number, teamId: string, taskId: string) => ({
    id,
    exercise_id: fx.exerciseId,
    author_id: '',
    author_name: 'Evaluator one',
    fingerprint: id,
    text,
    observed_at: new Date(Date.parse(PLANNED_START) + minutes * 60_000).toISOString(),
    exercise_seconds: minutes * 60,
    exercise_time: `H+00:${String(minutes).padStart(2, '0')}:00`,
    scenario_time: null,
    venue_id: venue,
    team_id: teamId,
    lon: null,
    lat: null,
    objective_ids: JSON.stringify([objective]),
    critical_task_ids: JSON.stringify([taskId]),
    photo_type: null,
    received_at: new Date().toISOString(),
  });
  await db
    .insertInto('observations')
    .values([
      observation(
        observations.cordon,
        'Patrol 7 closed the road 12 minutes after the inject',
        42,
        fx.teams.patrol,
        tasks.road,
      ),
      observation(
        observations.triage,
        'Medics triaged four casualties at the gate',
        50,
        fx.teams.medics,
        tasks.triage,
      ),
    ])
    .execute();
  return { ...fx, capability, objective, targets, tasks, venue, observations, inject, report };
}
