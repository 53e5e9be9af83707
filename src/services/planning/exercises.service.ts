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
import { can, type Actor } from '../../core/policy/policy.js';
import { AppError, conflict, forbidden, invalid, notFound, planFrozen } from '../../errors.js';
import {
  exerciseRepository,
  programmeRepository,
  type ExerciseFilter,
} from '../../store/exercise.repository.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { cleanText } from '../text.js';

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
  scope: string | null;
  threat: string | null;
  /** The scenario narrative; null for those who must not read it before play (players, observers). */
  scenario: string | null;
  sponsor: string | null;
  pointOfContact: string | null;
  handling: string | null;
  leadOrganisationId: string | null;
  mselApproval: string;
  version: number;
  allowedTransitions: readonly ExerciseStatus[];
  createdAt: string;
  updatedAt: string;
}

/** Whether the actor may read the controllers' side of this exercise (scenario, MSEL, notes). */
export function mayReadControllerSide(
  actor: Actor,
  row: Pick<ExerciseRow, 'id' | 'lead_organisation_id'>,
): boolean {
  return can(actor, 'msel:read', { exerciseId: row.id, organisationId: row.lead_organisation_id });
}

export function mayPlan(actor: Actor, row: Pick<ExerciseRow, 'id' | 'lead_organisation_id'>): boolean {
  return can(actor, 'exercises:plan', { exerciseId: row.id, organisationId: row.lead_organisation_id });
}

export function toExercise(row: ExerciseRow, actor: Actor | null): Exercise {
  const full = actor === null || mayReadControllerSide(actor, row);
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
    scope: row.scope,
    threat: row.threat,
    scenario: full ? row.scenario : null,
    sponsor: row.sponsor,
    pointOfContact: row.point_of_contact,
    handling: row.handling,
    leadOrganisationId: row.lead_organisation_id,
    mselApproval: row.msel_approval,
    version: row.version,
    allowedTransitions: allowedTransitions(row.status as ExerciseStatus).filter(
      (s) => !CLOCK_STATUSES.includes(s),
    ),
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

/** An instant with an explicit zone or offset; a bare "2026-10-25 10:00" is refused as ambiguous. */
export function parseInstant(text: string, field: string): string {
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text.trim()))
    throw invalid(field, 'must carry a time zone offset or Z (e.g. 2026-10-25T10:00:00+05:00)');
  const t = Date.parse(text);
  if (!Number.isFinite(t)) throw invalid(field, 'is not a date and time');
  return new Date(t).toISOString();
}

async function checkInput(db: Q, input: ExerciseInput) {
  if (!(EXERCISE_TYPES as readonly string[]).includes(input.type))
    throw invalid('type', `must be one of ${EXERCISE_TYPES.join(', ')}`);
  if (!isTimeZone(input.timeZone))
    throw invalid('timeZone', `"${input.timeZone}" is not an IANA time zone such as Asia/Almaty`);
  const startex = parseInstant(input.startex, 'startex');
  const endex = parseInstant(input.endex, 'endex');
  if (endex <= startex) throw invalid('endex', 'must be after STARTEX');
  if (input.programmeId && !(await programmeRepository.get(db, input.programmeId)))
    throw invalid('programmeId', 'no such programme');
  if (input.leadOrganisationId && !(await organisationRepository.get(db, input.leadOrganisationId)))
    throw invalid('leadOrganisationId', 'no such organisation');
  return {
    programme_id: input.programmeId ?? null,
    name: cleanText(input.name, 'name', 200),
    type: input.type,
    time_zone: input.timeZone,
    startex,
    endex,
    city: optional(input.city, 'city', 100),
    scope: optional(input.scope, 'scope', 4000),
    threat: optional(input.threat, 'threat', 500),
    scenario:
      input.scenario === undefined || input.scenario === null ? null : input.scenario.slice(0, 100_000),
    sponsor: optional(input.sponsor, 'sponsor', 200),
    point_of_contact: optional(input.pointOfContact, 'pointOfContact', 300),
    handling: optional(input.handling, 'handling', 100),
    lead_organisation_id: input.leadOrganisationId ?? null,
  };
}

export async function listProgrammes(ctx: AppContext): Promise<Programme[]> {
  return (await programmeRepository.list(ctx.db.kysely)).map((r) => ({
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
): Promise<Programme> {
  const now = ctx.clock.now().toISOString();
  const row = {
    id: randomUUID(),
    name: cleanText(input.name, 'name', 200),
    description: optional(input.description, 'description', 4000),
    sponsor_organisation_id: input.sponsorOrganisationId ?? null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await programmeRepository.findByName(trx, row.name))
      throw conflict(`A programme named "${row.name}" exists already`, 'name');
    if (row.sponsor_organisation_id && !(await organisationRepository.get(trx, row.sponsor_organisation_id)))
      throw invalid('sponsorOrganisationId', 'no such organisation');
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

export async function listExercises(
  ctx: AppContext,
  actor: Actor,
  filter: ExerciseFilter = {},
): Promise<Exercise[]> {
  return (await exerciseRepository.list(ctx.db.kysely, filter)).map((r) => toExercise(r, actor));
}

export async function getExerciseRow(db: Q, id: string): Promise<ExerciseRow> {
  const row = await exerciseRepository.get(db, id);
  if (!row) throw notFound('Exercise');
  return row;
}

export async function getExercise(ctx: AppContext, actor: Actor, id: string): Promise<Exercise> {
  return toExercise(await getExerciseRow(ctx.db.kysely, id), actor);
}

export async function createExercise(
  ctx: AppContext,
  actor: ActorInfo,
  input: ExerciseInput,
): Promise<Exercise> {
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const fields = await checkInput(trx, input);
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
  return toExercise(await getExerciseRow(ctx.db.kysely, id), null);
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
    if (!mayPlan(policy, row)) throw forbidden('You may not plan this exercise');
    if (!isPlanEditable(row.status as ExerciseStatus)) throw planFrozen(row.status);
    const merged: ExerciseInput = {
      programmeId: row.programme_id,
      name: row.name,
      type: row.type,
      timeZone: row.time_zone,
      startex: row.startex,
      endex: row.endex,
      city: row.city,
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
  return toExercise(await getExerciseRow(ctx.db.kysely, id), policy);
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
    if (!mayPlan(policy, row)) throw forbidden('You may not change this exercise');
    const from = row.status as ExerciseStatus;
    if (!canTransition(from, to as ExerciseStatus)) {
      const allowed = allowedTransitions(from).filter((s) => !CLOCK_STATUSES.includes(s));
      throw invalid(
        'status',
        `cannot go from ${from} to ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`,
      );
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
  return toExercise(await getExerciseRow(ctx.db.kysely, id), policy);
}
