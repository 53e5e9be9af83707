import { randomUUID } from 'node:crypto';
import {
  allowedTransitions,
  canTransition,
  EXERCISE_TYPES,
  isPlanEditable,
  isTimeZone,
  type ExerciseStatus,
  type ExerciseType,
} from '../../core/exercise/exercise.js';
import { formatLocal } from '../../core/msel/time.js';
import {
  can,
  organisationsWhere,
  type Actor,
  type Permission,
  type Scope,
} from '../../core/policy/policy.js';
import { EVERYTHING, shown, viewerOf, type Viewer } from '../../core/policy/visibility.js';
import { AppError, badField, conflict, forbidden, notFound, planFrozen } from '../../errors.js';
import {
  exerciseRepository,
  programmeRepository,
  type ExerciseFilter,
} from '../../store/exercise.repository.js';
import { EXERCISE_HAZARDS, isExerciseHazard } from '../../core/exercise/hazard.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { noPlayOf, type NoPlay } from '../conduct/no-play.service.js';
import { cleanParagraphs, cleanText } from '../text.js';

export interface Programme {
  id: string;
  name: string;
  description: string | null;
  sponsorOrganisationId: string | null;
  createdAt: string;
}

export interface Exercise {
  id: string;
  programmeId: string | null;
  name: string;
  type: ExerciseType;
  status: ExerciseStatus;
  timeZone: string;
  startex: string;
  endex: string;
  /** STARTEX and ENDEX as local time in the exercise's zone, the zone's offset named. */
  startexLocal: string;
  endexLocal: string;
  city: string | null;
  /** What it rehearses (contract EXERCISE_HAZARDS), for the lessons-learned filter. */
  hazard: string | null;
  scope: string | null;
  /** The threat synopsis and the narrative: null for those who must not read them (core/policy/visibility). */
  threat: string | null;
  scenario: string | null;
  sponsor: string | null;
  pointOfContact: string | null;
  handling: string | null;
  leadOrganisationId: string | null;
  mselApproval: string;
  version: number;
  allowedTransitions: readonly ExerciseStatus[];
  /** What the reader may do with this exercise, their grants' scope applied: the console offers only that. */
  access: ExerciseAccess;
  /** NO PLAY, when on: everyone in the exercise sees it, so the player view can stop play. */
  noPlay: NoPlay | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Where an exercise lives for reading: itself, its lead organisation and every participating one.
 * A grant scoped to any of them reads it; planning it is its lead organisation's (planScopeOf).
 */
export type ExerciseScope = Scope & { exerciseId: string; organisationIds: readonly string[] };

export async function readScopeOf(
  db: Q,
  row: Pick<ExerciseRow, 'id' | 'lead_organisation_id'>,
): Promise<ExerciseScope> {
  return (await readScopesOf(db, [row])).get(row.id)!;
}

export async function readScopesOf(
  db: Q,
  rows: readonly Pick<ExerciseRow, 'id' | 'lead_organisation_id'>[],
): Promise<Map<string, ExerciseScope>> {
  const pairs = await exerciseRepository.participants(
    db,
    rows.map((r) => r.id),
  );
  return new Map(
    rows.map((r) => {
      const orgs = new Set(pairs.filter((p) => p.exercise_id === r.id).map((p) => p.organisation_id));
      if (r.lead_organisation_id) orgs.add(r.lead_organisation_id);
      return [r.id, { exerciseId: r.id, organisationIds: [...orgs] }];
    }),
  );
}

/** Planning and approving an exercise: its lead organisation's (none: unscoped grants only). */
export const planScopeOf = (row: Pick<ExerciseRow, 'id' | 'lead_organisation_id'>): Scope => ({
  exerciseId: row.id,
  organisationId: row.lead_organisation_id,
});

/** Whether the actor may read the controllers' side of this exercise (scenario, MSEL, notes). */
export function mayReadControllerSide(actor: Actor, scope: ExerciseScope): boolean {
  return can(actor, 'msel:read', scope);
}

export function mayPlan(actor: Actor, row: Pick<ExerciseRow, 'id' | 'lead_organisation_id'>): boolean {
  return can(actor, 'exercises:plan', planScopeOf(row));
}

/**
 * The exercise if the actor may read it, with where it lives. One they may not read is "not found",
 * so a scoped reader does not learn what other organisations plan.
 */
export async function readableExercise(
  db: Q,
  actor: Actor,
  id: string,
): Promise<{ row: ExerciseRow; scope: ExerciseScope; viewer: Viewer }> {
  const row = await getExerciseRow(db, id);
  const scope = await readScopeOf(db, row);
  if (!can(actor, 'exercises:read', scope)) throw notFound('Exercise');
  return { row, scope, viewer: viewerOf(actor, scope) };
}

export interface ExerciseAccess {
  plan: boolean;
  readControllerSide: boolean;
  approveMsel: boolean;
  /** Evaluators record observations; they and directors read them until the report is final. */
  recordObservations: boolean;
  readObservations: boolean;
  /** Runs the clock and the injects: the control room. */
  conduct: boolean;
  /** Plays, and does not run it: the player view. */
  play: boolean;
}

/** The system itself (demo data, the CLI) may do everything; a document's imagined reader nothing. */
export const ALL_ACCESS: ExerciseAccess = {
  plan: true,
  readControllerSide: true,
  approveMsel: true,
  recordObservations: true,
  readObservations: true,
  conduct: true,
  play: false,
};
export const NO_ACCESS: ExerciseAccess = {
  plan: false,
  readControllerSide: false,
  approveMsel: false,
  recordObservations: false,
  readObservations: false,
  conduct: false,
  play: false,
};

export function accessTo(actor: Actor, row: ExerciseRow, scope: ExerciseScope): ExerciseAccess {
  return {
    plan: mayPlan(actor, row),
    readControllerSide: mayReadControllerSide(actor, scope),
    approveMsel: can(actor, 'msel:approve', planScopeOf(row)),
    recordObservations: can(actor, 'observations:record', scope),
    readObservations: can(actor, 'observations:read', scope),
    conduct: can(actor, 'exercises:conduct', scope),
    play: can(actor, 'exercises:play', scope) && !mayReadControllerSide(actor, scope),
  };
}

export function toExercise(row: ExerciseRow, viewer: Viewer, access: ExerciseAccess): Exercise {
  return {
    id: row.id,
    programmeId: row.programme_id,
    name: row.name,
    type: row.type as ExerciseType,
    status: row.status as ExerciseStatus,
    timeZone: row.time_zone,
    startex: row.startex,
    endex: row.endex,
    startexLocal: formatLocal(new Date(row.startex), row.time_zone),
    endexLocal: formatLocal(new Date(row.endex), row.time_zone),
    city: row.city,
    hazard: row.hazard,
    scope: row.scope,
    threat: shown(viewer, 'exercise', 'threat', row.threat),
    scenario: shown(viewer, 'exercise', 'scenario', row.scenario),
    sponsor: row.sponsor,
    pointOfContact: row.point_of_contact,
    handling: row.handling,
    leadOrganisationId: row.lead_organisation_id,
    mselApproval: row.msel_approval,
    version: row.version,
    allowedTransitions: allowedTransitions(row.status as ExerciseStatus).filter(
      (s) => !CLOCK_STATUSES.includes(s),
    ),
    access,
    noPlay: noPlayOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface ExerciseInput {
  programmeId?: string | null | undefined;
  name: string;
  type: string;
  timeZone: string;
  startex: string;
  endex: string;
  city?: string | null | undefined;
  hazard?: string | null | undefined;
  scope?: string | null | undefined;
  threat?: string | null | undefined;
  scenario?: string | null | undefined;
  sponsor?: string | null | undefined;
  pointOfContact?: string | null | undefined;
  handling?: string | null | undefined;
  leadOrganisationId?: string | null | undefined;
}

const optional = (v: string | null | undefined, field: string, max: number): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : cleanText(v, field, max);

/**
 * The organisation a new record belongs to: the one asked for, if the actor may act there; else the
 * actor's own when their grants for `permission` name exactly one; else none, for an unscoped actor.
 */
export function owningOrganisation(
  actor: Actor,
  permission: Permission,
  requested: string | null | undefined,
  field: string,
): string | null {
  if (requested) {
    if (!can(actor, permission, { organisationId: requested }))
      throw new AppError('out_of_scope', 403, 'You act for another organisation than this one', field);
    return requested;
  }
  const where = organisationsWhere(actor, permission);
  if (where === 'everywhere') return null;
  if (where.length === 1) return where[0]!;
  if (where.length === 0)
    throw new AppError('out_of_scope', 403, 'Your grants cover single exercises only', field);
  throw badField(field, 'name_organisation');
}

/** An instant with an explicit zone or offset; a bare "2026-10-25 10:00" is refused as ambiguous. */
export function parseInstant(text: string, field: string): string {
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text.trim())) throw badField(field, 'needs_time_zone');
  const t = Date.parse(text);
  if (!Number.isFinite(t)) throw badField(field, 'not_date_time');
  return new Date(t).toISOString();
}

async function checkInput(db: Q, input: ExerciseInput) {
  if (!(EXERCISE_TYPES as readonly string[]).includes(input.type))
    throw badField('type', 'one_of', { allowed: EXERCISE_TYPES.join(', ') });
  if (!isTimeZone(input.timeZone))
    throw badField('timeZone', 'not_time_zone', { value: input.timeZone, example: 'Asia/Almaty' });
  const startex = parseInstant(input.startex, 'startex');
  const endex = parseInstant(input.endex, 'endex');
  if (endex <= startex) throw badField('endex', 'must_be_after', { other: 'STARTEX' });
  if (input.programmeId && !(await programmeRepository.get(db, input.programmeId)))
    throw badField('programmeId', 'no_such_programme');
  if (input.leadOrganisationId && !(await organisationRepository.get(db, input.leadOrganisationId)))
    throw badField('leadOrganisationId', 'no_such_organisation');
  if (input.hazard && !isExerciseHazard(input.hazard))
    throw badField('hazard', 'one_of', { allowed: EXERCISE_HAZARDS.join(', ') });
  return {
    programme_id: input.programmeId ?? null,
    name: cleanText(input.name, 'name', 200),
    type: input.type,
    time_zone: input.timeZone,
    startex,
    endex,
    city: optional(input.city, 'city', 100),
    hazard: input.hazard || null,
    scope:
      input.scope === undefined || input.scope === null || input.scope.trim() === ''
        ? null
        : cleanParagraphs(input.scope, 'scope', 4000),
    threat: optional(input.threat, 'threat', 500),
    scenario:
      input.scenario === undefined || input.scenario === null ? null : input.scenario.slice(0, 100_000),
    sponsor: optional(input.sponsor, 'sponsor', 200),
    point_of_contact: optional(input.pointOfContact, 'pointOfContact', 300),
    handling: optional(input.handling, 'handling', 100),
    lead_organisation_id: input.leadOrganisationId ?? null,
  };
}

/** Programmes of no sponsor are shared; one sponsored by an organisation is seen inside it only. */
export async function listProgrammes(ctx: AppContext, actor?: Actor): Promise<Programme[]> {
  const rows = await programmeRepository.list(ctx.db.kysely);
  const mine = rows.filter(
    (r) =>
      actor === undefined ||
      r.sponsor_organisation_id === null ||
      can(actor, 'exercises:read', { organisationId: r.sponsor_organisation_id }),
  );
  return mine.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    sponsorOrganisationId: r.sponsor_organisation_id,
    createdAt: r.created_at,
  }));
}

export async function createProgramme(
  ctx: AppContext,
  actor: ActorInfo,
  input: {
    name: string;
    description?: string | null | undefined;
    sponsorOrganisationId?: string | null | undefined;
  },
  policy?: Actor,
): Promise<Programme> {
  const now = ctx.clock.now().toISOString();
  const sponsor =
    policy === undefined
      ? (input.sponsorOrganisationId ?? null)
      : owningOrganisation(policy, 'exercises:plan', input.sponsorOrganisationId, 'sponsorOrganisationId');
  const row = {
    id: randomUUID(),
    name: cleanText(input.name, 'name', 200),
    description: optional(input.description, 'description', 4000),
    sponsor_organisation_id: sponsor,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await programmeRepository.findByName(trx, row.name))
      throw conflict(`A programme named "${row.name}" exists already`, 'name');
    if (row.sponsor_organisation_id && !(await organisationRepository.get(trx, row.sponsor_organisation_id)))
      throw badField('sponsorOrganisationId', 'no_such_organisation');
    await programmeRepository.insert(trx, row);
    await appendAudit(ctx, trx, actor, {
      action: 'programme.created',
      subjectType: 'programme',
      subjectId: row.id,
      detail: { name: row.name },
    });
  });
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    sponsorOrganisationId: row.sponsor_organisation_id,
    createdAt: now,
  };
}

/** The exercises the actor may read: led by or played with their organisations, or granted to them. */
export async function listExercises(
  ctx: AppContext,
  actor: Actor,
  filter: ExerciseFilter = {},
): Promise<Exercise[]> {
  const db = ctx.db.kysely;
  const rows = await exerciseRepository.list(db, filter);
  const scopes = await readScopesOf(db, rows);
  return rows
    .filter((r) => can(actor, 'exercises:read', scopes.get(r.id)!))
    .map((r) => {
      const scope = scopes.get(r.id)!;
      return toExercise(r, viewerOf(actor, scope), accessTo(actor, r, scope));
    });
}

export async function getExerciseRow(db: Q, id: string): Promise<ExerciseRow> {
  const row = await exerciseRepository.get(db, id);
  if (!row) throw notFound('Exercise');
  return row;
}

export async function getExercise(ctx: AppContext, actor: Actor, id: string): Promise<Exercise> {
  const { row, scope, viewer } = await readableExercise(ctx.db.kysely, actor, id);
  return toExercise(row, viewer, accessTo(actor, row, scope));
}

/** The exercise as the actor sees it after a change they were allowed to make. */
async function asSeenBy(ctx: AppContext, actor: Actor, id: string): Promise<Exercise> {
  const row = await getExerciseRow(ctx.db.kysely, id);
  const scope = await readScopeOf(ctx.db.kysely, row);
  return toExercise(row, viewerOf(actor, scope), accessTo(actor, row, scope));
}

/**
 * Creates a draft exercise led by the organisation asked for, which the actor must plan for; a
 * planner scoped to one organisation leads by default.
 */
export async function createExercise(
  ctx: AppContext,
  actor: ActorInfo,
  input: ExerciseInput,
  /** The caller's grants; left out by the system itself (demo data, the operator's CLI). */
  policy?: Actor,
): Promise<Exercise> {
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  const lead =
    policy === undefined
      ? (input.leadOrganisationId ?? null)
      : owningOrganisation(policy, 'exercises:plan', input.leadOrganisationId, 'leadOrganisationId');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const fields = await checkInput(trx, { ...input, leadOrganisationId: lead });
    await exerciseRepository.insert(trx, {
      id,
      ...fields,
      status: 'draft',
      msel_approval: 'draft',
      msel_approved_by: null,
      msel_approved_at: null,
      version: 1,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(ctx, trx, actor, {
      action: 'exercise.created',
      subjectType: 'exercise',
      subjectId: id,
      detail: { name: fields.name, type: fields.type },
    });
  });
  return policy === undefined
    ? toExercise(await getExerciseRow(ctx.db.kysely, id), EVERYTHING, ALL_ACCESS)
    : asSeenBy(ctx, policy, id);
}

/** Refuses a planning write: "not found" to one who may not even read the exercise, else 403. */
export async function mayWrite(db: Q, policy: Actor, row: ExerciseRow): Promise<void> {
  if (mayPlan(policy, row)) return;
  if (!can(policy, 'exercises:read', await readScopeOf(db, row))) throw notFound('Exercise');
  throw forbidden('You may not plan this exercise');
}

/** Changes the plan's header; `version` must be the one read, so two planners never overwrite each other. */
export async function updateExercise(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  id: string,
  version: number,
  patch: Partial<ExerciseInput>,
): Promise<Exercise> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await getExerciseRow(trx, id);
    await mayWrite(trx, policy, row);
    if (
      patch.leadOrganisationId !== undefined &&
      patch.leadOrganisationId !== row.lead_organisation_id &&
      !can(policy, 'exercises:plan', { organisationId: patch.leadOrganisationId })
    )
      throw new AppError(
        'out_of_scope',
        403,
        'You may not hand the exercise to an organisation you do not plan for',
        'leadOrganisationId',
      );
    if (!isPlanEditable(row.status as ExerciseStatus)) throw planFrozen(row.status);
    const merged: ExerciseInput = {
      programmeId: row.programme_id,
      name: row.name,
      type: row.type,
      timeZone: row.time_zone,
      startex: row.startex,
      endex: row.endex,
      city: row.city,
      hazard: row.hazard,
      scope: row.scope,
      threat: row.threat,
      scenario: row.scenario,
      sponsor: row.sponsor,
      pointOfContact: row.point_of_contact,
      handling: row.handling,
      leadOrganisationId: row.lead_organisation_id,
      ...patch,
    };
    const fields = await checkInput(trx, merged);
    const ok = await exerciseRepository.update(trx, id, version, {
      ...fields,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!ok)
      throw new AppError(
        'stale_version',
        409,
        'Someone changed this exercise since you opened it; reload and apply your change again',
        'version',
      );
    await appendAudit(ctx, trx, actor, {
      action: 'exercise.updated',
      subjectType: 'exercise',
      subjectId: id,
      detail: { fields: Object.keys(patch) },
    });
  });
  return asSeenBy(ctx, policy, id);
}

/** Running, paused and ended follow the clock's commands (services/conduct), with their confirmation. */
const CLOCK_STATUSES: readonly ExerciseStatus[] = ['running', 'paused', 'ended'];

/**
 * Moves the exercise along its life cycle; only the legal transitions are accepted, and those the
 * clock makes (STARTEX, pause, resume, ENDEX) only through the clock.
 */
export async function transitionExercise(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  id: string,
  to: string,
): Promise<Exercise> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await getExerciseRow(trx, id);
    await mayWrite(trx, policy, row);
    const from = row.status as ExerciseStatus;
    if (!canTransition(from, to as ExerciseStatus)) {
      const allowed = allowedTransitions(from).filter((s) => !CLOCK_STATUSES.includes(s));
      throw allowed.length
        ? badField('status', 'cannot_transition', {
            fromStatus: from,
            toStatus: to,
            allowedStatuses: allowed.join(', '),
          })
        : badField('status', 'cannot_transition_none', { fromStatus: from, toStatus: to });
    }
    if (CLOCK_STATUSES.includes(to as ExerciseStatus) || (CLOCK_STATUSES.includes(from) && from !== 'ended'))
      throw new AppError(
        'use_the_clock',
        409,
        'STARTEX, pause, resume and ENDEX are clock commands (POST /api/v1/exercises/{id}/clock/commands)',
        'status',
      );
    const ok = await exerciseRepository.update(trx, id, row.version, {
      status: to,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!ok) throw new AppError('stale_version', 409, 'The exercise changed meanwhile; try again', 'status');
    await appendAudit(ctx, trx, actor, {
      action: 'exercise.status',
      subjectType: 'exercise',
      subjectId: id,
      detail: { from, to },
    });
  });
  return asSeenBy(ctx, policy, id);
}
