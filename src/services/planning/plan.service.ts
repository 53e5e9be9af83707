import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../../core/messages/codes.js';
import { checkGeometry, type PlanGeometry } from '../../core/exercise/geometry.js';
import { isPlanEditable, type ExerciseStatus } from '../../core/exercise/exercise.js';
import type { Actor } from '../../core/policy/policy.js';
import { badField, notFound, planFrozen, refusedGeometry } from '../../errors.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import type { ExerciseRow, VenueTable } from '../../store/schema.js';
import { userRepository } from '../../store/user.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { cleanText } from '../text.js';
import {
  accessTo,
  getExerciseRow,
  NO_ACCESS,
  type ExerciseAccess,
  mayWrite,
  parseInstant,
  readableExercise,
  toExercise,
  type Exercise,
} from './exercises.service.js';
import { parseCriterion, type Criterion } from '../../core/evaluation/metrics.js';
import { shown, type Viewer } from '../../core/policy/visibility.js';
import { VENUE_KINDS, ZONE_KINDS, EXERCISE_ROLES, EXTENTS_OF_PLAY } from '../../contract/enums.js';

export { VENUE_KINDS, ZONE_KINDS, EXERCISE_ROLES, EXTENTS_OF_PLAY };

export interface CriticalTask {
  id: string;
  text: string;
  /** How the task is measured from the exercise's history; absent: by evaluators only. */
  criterion?: Criterion;
}
/** A stored criterion as the plan shows it; one that no longer parses is left out rather than shown wrong. */
function criterionOf(json: string | null | undefined): { criterion?: Criterion } {
  if (!json) return {};
  const parsed = parseCriterion(JSON.parse(json));
  return 'criterion' in parsed ? { criterion: parsed.criterion } : {};
}

export interface CapabilityTarget {
  id: string;
  coreCapabilityId: string;
  text: string;
  criticalTasks: CriticalTask[];
}
export interface Objective {
  id: string;
  position: number;
  text: string;
  capabilityTargets: CapabilityTarget[];
}
export interface Venue {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  point: { lon: number; lat: number };
  footprint: PlanGeometry | null;
}
/** A venue as stored, as the plan and the bundle show it. */
export const toVenue = (v: VenueTable): Venue => ({
  id: v.id,
  name: v.name,
  kind: v.kind,
  address: v.address,
  point: { lon: v.lon, lat: v.lat },
  footprint: v.footprint ? (JSON.parse(v.footprint) as PlanGeometry) : null,
});

export interface Zone {
  id: string;
  venueId: string | null;
  name: string;
  kind: string;
  geometry: PlanGeometry;
  road: string | null;
  startsAt: string | null;
  endsAt: string | null;
  notes: string | null;
}
export interface Team {
  id: string;
  name: string;
  organisationId: string | null;
  unitId: string | null;
}
export interface Person {
  id: string;
  userId: string | null;
  name: string;
  role: string;
  teamId: string | null;
  organisationId: string | null;
  contact: string | null;
  /** The venue they are posted at: an evaluator's or a controller's site. */
  venueId: string | null;
}
export interface Participation {
  organisationId: string;
  extentOfPlay: string;
  notes: string | null;
}
export interface ScenarioModule {
  id: string;
  position: number;
  title: string;
  narrative: string;
  questions: string[];
}

export interface ExercisePlan {
  exercise: Exercise;
  objectives: Objective[];
  modules: ScenarioModule[];
  venues: Venue[];
  zones: Zone[];
  organisations: Participation[];
  teams: Team[];
  people: Person[];
}

/**
 * The whole plan of an exercise as the actor may see it: every field and person through the
 * policy's visibility table (core/policy/visibility), so what a role must not learn never leaves.
 */
export async function getPlan(ctx: AppContext, policy: Actor, exerciseId: string): Promise<ExercisePlan> {
  const db = ctx.db.kysely;
  const { row, scope, viewer } = await readableExercise(db, policy, exerciseId);
  return planAsSeenBy(ctx, row, viewer, accessTo(policy, row, scope));
}

/** The plan through `viewer`'s eyes; the system's own exports use EVERYTHING. */
export async function planAsSeenBy(
  ctx: AppContext,
  row: ExerciseRow,
  viewer: Viewer,
  access: ExerciseAccess = NO_ACCESS,
): Promise<ExercisePlan> {
  const db = ctx.db.kysely;
  const exerciseId = row.id;
  const objectives = await planRepository.objectives(db, exerciseId);
  const targets = await planRepository.capabilityTargets(
    db,
    objectives.map((o) => o.id),
  );
  const tasks = await planRepository.criticalTasks(
    db,
    targets.map((t) => t.id),
  );
  return {
    exercise: toExercise(row, viewer, access),
    objectives: objectives.map((o) => ({
      id: o.id,
      position: o.position,
      text: o.text,
      capabilityTargets: targets
        .filter((t) => t.objective_id === o.id)
        .map((t) => ({
          id: t.id,
          coreCapabilityId: t.core_capability_id,
          text: t.text,
          criticalTasks: tasks
            .filter((k) => k.capability_target_id === t.id)
            .map((k) => ({ id: k.id, text: k.text, ...criterionOf(k.criterion) })),
        })),
    })),
    modules: viewer.sees('plan', 'modules')
      ? (await planRepository.modules(db, exerciseId)).map((m) => ({
          id: m.id,
          position: m.position,
          title: m.title,
          narrative: m.narrative,
          questions: JSON.parse(m.questions) as string[],
        }))
      : [],
    venues: (await planRepository.venues(db, exerciseId)).map(toVenue),
    zones: (await planRepository.zones(db, exerciseId)).map((z) => ({
      id: z.id,
      venueId: z.venue_id,
      name: z.name,
      kind: z.kind,
      geometry: JSON.parse(z.geometry) as PlanGeometry,
      road: z.road,
      startsAt: z.starts_at,
      endsAt: z.ends_at,
      notes: shown(viewer, 'zone', 'notes', z.notes),
    })),
    organisations: (await planRepository.organisations(db, exerciseId)).map((p) => ({
      organisationId: p.organisation_id,
      extentOfPlay: p.extent_of_play,
      notes: shown(viewer, 'participation', 'notes', p.notes),
    })),
    teams: (await planRepository.teams(db, exerciseId)).map((t) => ({
      id: t.id,
      name: t.name,
      organisationId: t.organisation_id,
      unitId: t.unit_id,
    })),
    people: (await planRepository.people(db, exerciseId))
      .filter((p) => viewer.seesPerson(p.role))
      .map((p) => ({
        id: p.id,
        userId: shown(viewer, 'person', 'userId', p.user_id),
        name: p.name,
        role: p.role,
        teamId: p.team_id,
        organisationId: p.organisation_id,
        contact: shown(viewer, 'person', 'contact', p.contact),
        venueId: p.venue_id,
      })),
  };
}

/**
 * Runs `change` in a transaction after checking the actor may plan this exercise and its plan is
 * still open; audits what `change` returns.
 */
export async function editPlan<T>(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  change: (
    trx: Q,
    exercise: ExerciseRow,
  ) => Promise<{ result: T; action: AuditAction; detail: Record<string, unknown> }>,
): Promise<T> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await getExerciseRow(trx, exerciseId);
    await mayWrite(trx, policy, row);
    if (!isPlanEditable(row.status as ExerciseStatus)) throw planFrozen(row.status);
    const { result, action, detail } = await change(trx, row);
    await appendAudit(ctx, trx, actor, { action, subjectType: 'exercise', subjectId: exerciseId, detail });
    return result;
  });
}

const oneOf = (value: string, allowed: readonly string[], field: string) => {
  if (!allowed.includes(value)) throw badField(field, 'one_of', { allowed: allowed.join(', ') });
  return value;
};
const opt = (v: string | null | undefined, field: string, max: number) =>
  v === undefined || v === null || v.trim() === '' ? null : cleanText(v, field, max);

export interface ObjectiveInput {
  text: string;
  capabilityTargets?: { coreCapabilityId: string; text: string; criticalTasks?: string[] }[];
}

export async function addObjective(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: ObjectiveInput,
): Promise<string> {
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const id = randomUUID();
    const text = cleanText(input.text, 'text', 2000);
    const position = (await planRepository.objectives(trx, exerciseId)).length + 1;
    await planRepository.insertObjective(trx, { id, exercise_id: exerciseId, position, text });
    const capabilities = new Set((await planRepository.coreCapabilities(trx)).map((c) => c.id));
    for (const [i, t] of (input.capabilityTargets ?? []).entries()) {
      if (!capabilities.has(t.coreCapabilityId))
        throw badField(`capabilityTargets[${i}].coreCapabilityId`, 'no_such_core_capability');
      const targetId = randomUUID();
      await planRepository.insertTarget(trx, {
        id: targetId,
        objective_id: id,
        core_capability_id: t.coreCapabilityId,
        text: cleanText(t.text, `capabilityTargets[${i}].text`, 2000),
      });
      for (const [j, task] of (t.criticalTasks ?? []).entries()) {
        await planRepository.insertTask(trx, {
          id: randomUUID(),
          capability_target_id: targetId,
          position: j + 1,
          text: cleanText(task, `capabilityTargets[${i}].criticalTasks[${j}]`, 1000),
        });
      }
    }
    return { result: id, action: 'objective.created', detail: { objectiveId: id } };
  });
}

export interface VenueInput {
  name: string;
  kind: string;
  address?: string | null | undefined;
  point: { lon: number; lat: number };
  footprint?: unknown;
}

function checkVenue(input: VenueInput) {
  const point = checkGeometry({ type: 'Point', coordinates: [input.point.lon, input.point.lat] }, 'point', [
    'Point',
  ]);
  if ('error' in point) throw refusedGeometry('point', point);
  let footprint: string | null = null;
  if (input.footprint !== undefined && input.footprint !== null) {
    const g = checkGeometry(input.footprint, 'footprint', ['Polygon', 'MultiPolygon']);
    if ('error' in g) throw refusedGeometry('footprint', g);
    footprint = JSON.stringify(g);
  }
  return {
    name: cleanText(input.name, 'name', 200),
    kind: oneOf(input.kind, VENUE_KINDS, 'kind'),
    address: opt(input.address, 'address', 300),
    lon: input.point.lon,
    lat: input.point.lat,
    footprint,
  };
}

export async function addVenue(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: VenueInput,
): Promise<string> {
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const id = randomUUID();
    await planRepository.insertVenue(trx, { id, exercise_id: exerciseId, ...checkVenue(input) });
    return { result: id, action: 'venue.created', detail: { venueId: id, name: input.name } };
  });
}

export async function updateVenue(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  venueId: string,
  input: VenueInput,
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    if ((await planRepository.updateVenue(trx, exerciseId, venueId, checkVenue(input))) === 0)
      throw notFound('Venue');
    return { result: undefined, action: 'venue.updated', detail: { venueId } };
  });
}

export interface ZoneInput {
  name: string;
  kind: string;
  venueId?: string | null | undefined;
  geometry: unknown;
  road?: string | null | undefined;
  startsAt?: string | null | undefined;
  endsAt?: string | null | undefined;
  notes?: string | null | undefined;
}

async function checkZone(trx: Q, exerciseId: string, input: ZoneInput) {
  const kind = oneOf(input.kind, ZONE_KINDS, 'kind');
  const allowed =
    kind === 'road-closure' || kind === 'evacuation-route'
      ? (['LineString', 'MultiLineString', 'Polygon'] as const)
      : (['Polygon', 'MultiPolygon'] as const);
  const g = checkGeometry(input.geometry, 'geometry', allowed);
  if ('error' in g) throw refusedGeometry('geometry', g);
  const startsAt = input.startsAt ? parseInstant(input.startsAt, 'startsAt') : null;
  const endsAt = input.endsAt ? parseInstant(input.endsAt, 'endsAt') : null;
  if (startsAt && endsAt && endsAt <= startsAt)
    throw badField('endsAt', 'must_be_after', { other: 'startsAt' });
  if (kind === 'road-closure' && (!startsAt || !endsAt)) throw badField('startsAt', 'closure_needs_window');
  if (input.venueId && !(await planRepository.venues(trx, exerciseId)).some((v) => v.id === input.venueId))
    throw badField('venueId', 'no_such_venue');
  return {
    name: cleanText(input.name, 'name', 200),
    kind,
    venue_id: input.venueId ?? null,
    geometry: JSON.stringify(g),
    road: opt(input.road, 'road', 200),
    starts_at: startsAt,
    ends_at: endsAt,
    notes: opt(input.notes, 'notes', 2000),
  };
}

export async function addZone(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: ZoneInput,
): Promise<string> {
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const id = randomUUID();
    await planRepository.insertZone(trx, {
      id,
      exercise_id: exerciseId,
      ...(await checkZone(trx, exerciseId, input)),
    });
    return { result: id, action: 'zone.created', detail: { zoneId: id, name: input.name, kind: input.kind } };
  });
}

export async function updateZone(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  zoneId: string,
  input: ZoneInput,
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    if (
      (await planRepository.updateZone(trx, exerciseId, zoneId, await checkZone(trx, exerciseId, input))) ===
      0
    )
      throw notFound('Zone');
    return { result: undefined, action: 'zone.updated', detail: { zoneId } };
  });
}

export type PlanList = 'objectives' | 'venues' | 'zones' | 'teams' | 'people' | 'modules';
const TABLE_OF = {
  objectives: 'objectives',
  venues: 'venues',
  zones: 'zones',
  teams: 'teams',
  people: 'exercise_people',
  modules: 'scenario_modules',
} as const;

export async function removeFromPlan(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  list: PlanList,
  id: string,
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    if ((await planRepository.deleteFrom(trx, TABLE_OF[list], exerciseId, id)) === 0)
      throw notFound(list.replace(/s$/, ''));
    return { result: undefined, action: `${list}.removed`, detail: { id } };
  });
}

export async function setParticipation(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: { organisationId: string; extentOfPlay: string; notes?: string | null | undefined },
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    if (!(await organisationRepository.get(trx, input.organisationId)))
      throw badField('organisationId', 'no_such_organisation');
    await planRepository.upsertOrganisation(trx, {
      exercise_id: exerciseId,
      organisation_id: input.organisationId,
      extent_of_play: oneOf(input.extentOfPlay, EXTENTS_OF_PLAY, 'extentOfPlay'),
      notes: opt(input.notes, 'notes', 2000),
    });
    return { result: undefined, action: 'participation.set', detail: input };
  });
}

export async function addTeam(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: { name: string; organisationId?: string | null | undefined; unitId?: string | null | undefined },
): Promise<string> {
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const name = cleanText(input.name, 'name', 200);
    if ((await planRepository.teams(trx, exerciseId)).some((t) => t.name === name))
      throw badField('name', 'team_name_taken', { name });
    if (input.organisationId && !(await organisationRepository.get(trx, input.organisationId)))
      throw badField('organisationId', 'no_such_organisation');
    const id = randomUUID();
    await planRepository.insertTeam(trx, {
      id,
      exercise_id: exerciseId,
      name,
      organisation_id: input.organisationId ?? null,
      unit_id: input.unitId ?? null,
    });
    return { result: id, action: 'team.created', detail: { teamId: id, name } };
  });
}

export async function addPerson(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: {
    name: string;
    role: string;
    userId?: string | null | undefined;
    teamId?: string | null | undefined;
    organisationId?: string | null | undefined;
    contact?: string | null | undefined;
    venueId?: string | null | undefined;
  },
): Promise<string> {
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const role = oneOf(input.role, EXERCISE_ROLES, 'role');
    if (input.userId && !(await userRepository.get(trx, input.userId)))
      throw badField('userId', 'no_such_user');
    if (input.teamId && !(await planRepository.teams(trx, exerciseId)).some((t) => t.id === input.teamId))
      throw badField('teamId', 'no_such_team');
    if (role === 'player' && !input.teamId) throw badField('teamId', 'player_needs_team');
    if (input.venueId && !(await planRepository.venues(trx, exerciseId)).some((v) => v.id === input.venueId))
      throw badField('venueId', 'no_such_venue');
    const id = randomUUID();
    await planRepository.insertPerson(trx, {
      id,
      exercise_id: exerciseId,
      user_id: input.userId ?? null,
      name: cleanText(input.name, 'name', 200),
      role,
      team_id: input.teamId ?? null,
      organisation_id: input.organisationId ?? null,
      contact: opt(input.contact, 'contact', 300),
      venue_id: input.venueId ?? null,
    });
    return { result: id, action: 'person.added', detail: { personId: id, role } };
  });
}
