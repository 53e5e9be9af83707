import { isPlanEditable, type ExerciseStatus } from '../../core/exercise/exercise.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import type { AppContext } from '../context.js';
import { createExercise, transitionExercise } from '../planning/exercises.service.js';
import {
  addObjective,
  addPerson,
  addTeam,
  addVenue,
  addZone,
  setParticipation,
} from '../planning/plan.service.js';
import { demoActor, type DemoActor } from './actors.js';
import { loadMsel } from './msel.js';
import { placeLocal } from './placement.js';
import { seatDemoAccounts } from './seats.js';
import type { DemoExercise } from './types.js';

/** What the exercises of the load added; zero everywhere on a second load. */
export interface PlanCounts {
  programmes: number;
  exercises: number;
  objectives: number;
  venues: number;
  zones: number;
  teams: number;
  people: number;
  mselEvents: number;
}

/** The agencies' and users' ids, and the whole days every seed date moves by. */
export interface LoadRefs {
  orgIds: ReadonlyMap<string, string>;
  unitIds: ReadonlyMap<string, string>;
  userIds: ReadonlyMap<string, string>;
  shift: number;
}

const org = (refs: LoadRefs, shortName: string): string => {
  const id = refs.orgIds.get(shortName);
  if (!id) throw new Error(`demo data: unknown organisation "${shortName}"`);
  return id;
};

/** The walk from draft to the status the data asks for, legal step by legal step. */
const PATH: Record<DemoExercise['status'], ExerciseStatus[]> = {
  draft: [],
  planned: ['planned'],
  ready: ['planned', 'ready'],
};

/**
 * Adds one exercise of the seed with everything hanging off it, each piece only when no piece of
 * that name is there yet, through the planning services and their checks. An exercise already
 * running or past keeps its plan as it is.
 */
export async function loadExercise(
  ctx: AppContext,
  spec: DemoExercise,
  programmeId: string,
  refs: LoadRefs,
  counts: PlanCounts,
): Promise<void> {
  const planner = demoActor(refs.userIds, spec.msel?.author ?? 'planner.astana', 'planner');
  const place = (t: string) => placeLocal(t, spec.timeZone, refs.shift);
  let row = (await exerciseRepository.list(ctx.db.kysely)).find((e) => e.name === spec.name);
  const created = !row;
  if (!row) {
    const e = await createExercise(ctx, planner.info, {
      programmeId,
      name: spec.name,
      type: spec.type,
      timeZone: spec.timeZone,
      startex: place(spec.startex),
      endex: place(spec.endex),
      city: spec.city,
      scope: spec.scope,
      threat: spec.threat,
      scenario: spec.scenario,
      sponsor: spec.sponsor,
      pointOfContact: spec.pointOfContact,
      handling: spec.handling,
      leadOrganisationId: org(refs, spec.lead),
    });
    row = (await exerciseRepository.get(ctx.db.kysely, e.id))!;
    counts.exercises++;
  }
  if (!isPlanEditable(row.status as ExerciseStatus)) return;
  const id = row.id;
  const objectives = await loadObjectives(ctx, spec, id, planner, counts);
  await loadVenues(ctx, spec, id, planner, counts, place);
  await loadParticipants(ctx, spec, id, planner, refs);
  const teams = await loadTeams(ctx, spec, id, planner, refs, counts);
  const people = await loadPeople(ctx, spec, id, planner, refs, teams, counts);
  await seatDemoAccounts(ctx, spec, row, refs.userIds);
  if (spec.msel) {
    const approver = demoActor(refs.userIds, spec.msel.approver, 'director');
    counts.mselEvents += await loadMsel(
      ctx,
      id,
      spec.msel,
      { teams, people, ...objectives },
      planner,
      approver,
    );
  }
  if (created)
    for (const to of PATH[spec.status]) await transitionExercise(ctx, planner.info, planner.policy, id, to);
}

async function loadObjectives(
  ctx: AppContext,
  spec: DemoExercise,
  exerciseId: string,
  planner: DemoActor,
  counts: PlanCounts,
): Promise<{ objectives: Map<string, string>; tasks: Map<string, string> }> {
  const db = ctx.db.kysely;
  const have = new Set((await planRepository.objectives(db, exerciseId)).map((o) => o.text));
  for (const o of spec.objectives.filter((x) => !have.has(x.text))) {
    await addObjective(ctx, planner.info, planner.policy, exerciseId, {
      text: o.text,
      capabilityTargets: o.targets.map((t) => ({
        coreCapabilityId: t.capability,
        text: t.text,
        criticalTasks: t.tasks,
      })),
    });
    counts.objectives++;
  }
  // Events link objectives and critical tasks by the data's keys; map them to the stored ids.
  const rows = await planRepository.objectives(db, exerciseId);
  const targets = await planRepository.capabilityTargets(
    db,
    rows.map((r) => r.id),
  );
  const tasks = await planRepository.criticalTasks(
    db,
    targets.map((t) => t.id),
  );
  const objectiveIds = new Map<string, string>();
  const taskIds = new Map<string, string>();
  for (const o of spec.objectives) {
    const row = rows.find((r) => r.text === o.text);
    if (!row) continue;
    objectiveIds.set(o.key, row.id);
    let n = 0;
    for (const t of o.targets) {
      const target = targets.find(
        (x) => x.objective_id === row.id && x.core_capability_id === t.capability && x.text === t.text,
      );
      for (const task of tasks.filter((k) => k.capability_target_id === target?.id))
        taskIds.set(`${o.key}#${++n}`, task.id);
    }
  }
  return { objectives: objectiveIds, tasks: taskIds };
}

async function loadVenues(
  ctx: AppContext,
  spec: DemoExercise,
  exerciseId: string,
  planner: DemoActor,
  counts: PlanCounts,
  place: (t: string) => string,
): Promise<Map<string, string>> {
  const db = ctx.db.kysely;
  const byName = new Map((await planRepository.venues(db, exerciseId)).map((v) => [v.name, v.id]));
  const ids = new Map<string, string>();
  for (const v of spec.venues) {
    let vid = byName.get(v.name);
    if (!vid) {
      vid = await addVenue(ctx, planner.info, planner.policy, exerciseId, {
        name: v.name,
        kind: v.kind,
        address: v.address,
        point: { lon: v.point[0], lat: v.point[1] },
        footprint: v.footprint,
      });
      counts.venues++;
    }
    ids.set(v.key, vid);
  }
  const zones = new Set((await planRepository.zones(db, exerciseId)).map((z) => z.name));
  for (const z of spec.zones.filter((x) => !zones.has(x.name))) {
    await addZone(ctx, planner.info, planner.policy, exerciseId, {
      name: z.name,
      kind: z.kind,
      venueId: z.venue ? ids.get(z.venue) : null,
      geometry: z.geometry,
      road: z.road,
      startsAt: z.from ? place(z.from) : null,
      endsAt: z.to ? place(z.to) : null,
      notes: z.notes,
    });
    counts.zones++;
  }
  return ids;
}

async function loadParticipants(
  ctx: AppContext,
  spec: DemoExercise,
  exerciseId: string,
  planner: DemoActor,
  refs: LoadRefs,
): Promise<void> {
  const have = new Set(
    (await planRepository.organisations(ctx.db.kysely, exerciseId)).map((p) => p.organisation_id),
  );
  for (const p of spec.participants) {
    const organisationId = org(refs, p.org);
    if (have.has(organisationId)) continue;
    await setParticipation(ctx, planner.info, planner.policy, exerciseId, {
      organisationId,
      extentOfPlay: p.extent,
      notes: p.notes,
    });
  }
}

async function loadTeams(
  ctx: AppContext,
  spec: DemoExercise,
  exerciseId: string,
  planner: DemoActor,
  refs: LoadRefs,
  counts: PlanCounts,
): Promise<Map<string, string>> {
  const byName = new Map((await planRepository.teams(ctx.db.kysely, exerciseId)).map((t) => [t.name, t.id]));
  const ids = new Map<string, string>();
  for (const t of spec.teams) {
    let tid = byName.get(t.name);
    if (!tid) {
      tid = await addTeam(ctx, planner.info, planner.policy, exerciseId, {
        name: t.name,
        organisationId: org(refs, t.org),
        unitId: t.unit ? (refs.unitIds.get(`${t.org}/${t.unit}`) ?? null) : null,
      });
      counts.teams++;
    }
    ids.set(t.key, tid);
  }
  return ids;
}

async function loadPeople(
  ctx: AppContext,
  spec: DemoExercise,
  exerciseId: string,
  planner: DemoActor,
  refs: LoadRefs,
  teams: ReadonlyMap<string, string>,
  counts: PlanCounts,
): Promise<Map<string, string>> {
  const existing = await planRepository.people(ctx.db.kysely, exerciseId);
  const ids = new Map(existing.map((p) => [p.name, p.id]));
  const have = new Set(existing.map((p) => `${p.name}|${p.role}`));
  for (const p of spec.people.filter((x) => !have.has(`${x.name}|${x.role}`))) {
    const pid = await addPerson(ctx, planner.info, planner.policy, exerciseId, {
      name: p.name,
      role: p.role,
      userId: p.user ? (refs.userIds.get(p.user) ?? null) : null,
      teamId: p.team ? (teams.get(p.team) ?? null) : null,
      organisationId: p.org ? org(refs, p.org) : null,
      contact: p.contact,
    });
    if (!ids.has(p.name)) ids.set(p.name, pid);
    counts.people++;
  }
  return ids;
}
