import { randomUUID } from 'node:crypto';
import {
  changesSince,
  DELIVERY_METHODS,
  EVENT_KINDS,
  snapshotOf,
  type ApprovedSnapshot,
  type MselEvent,
  type ReviewedField,
} from '../../core/msel/msel.js';
import { formatLocal, formatOffset, instantOf } from '../../core/msel/time.js';
import { validateMsel, type MselFinding } from '../../core/msel/validate.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { AppError, badField, forbidden, notFound } from '../../errors.js';
import { branchingRepository } from '../../store/branching.repository.js';
import { mselRepository } from '../../store/msel.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import type { ExerciseRow, MselEventRow } from '../../store/schema.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { getExerciseRow, mayReadControllerSide, planScopeOf, readableExercise } from './exercises.service.js';
import { editPlan } from './plan.service.js';

/** An MSEL event as the console and the API show it: both times, and what changed since approval. */
export interface MselEventView extends MselEvent {
  version: number;
  offset: string;
  scheduledAt: string;
  scheduledLocal: string;
  approvedBy: string | null;
  approvedAt: string | null;
  changedSinceApproval: ReviewedField[];
  approvedVersion: ApprovedSnapshot | null;
}

export interface Msel {
  exerciseId: string;
  timeZone: string;
  approval: string;
  events: MselEventView[];
  findings: MselFinding[];
}

const parseList = (text: string): string[] => {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
};

export function toEvent(r: MselEventRow): MselEvent {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as MselEvent['kind'],
    offsetMinutes: r.offset_minutes,
    scenarioTime: r.scenario_time,
    from: r.from_role,
    toTeamIds: parseList(r.to_team_ids),
    toText: r.to_text,
    method: r.method as MselEvent['method'],
    title: r.title,
    content: r.content,
    expectedAction: r.expected_action,
    objectiveIds: parseList(r.objective_ids),
    criticalTaskIds: parseList(r.critical_task_ids),
    responsibleControllerId: r.responsible_controller_id,
    contingency: r.contingency === 1,
    controllerNotes: r.controller_notes,
    approval: r.approval as MselEvent['approval'],
    authorId: r.author_id,
    position: r.position,
  };
}

function toView(r: MselEventRow, exercise: ExerciseRow): MselEventView {
  const e = toEvent(r);
  const at = instantOf(new Date(exercise.startex), e.offsetMinutes);
  const approved = r.approved_snapshot ? (JSON.parse(r.approved_snapshot) as ApprovedSnapshot) : null;
  return {
    ...e,
    version: r.version,
    offset: formatOffset(e.offsetMinutes),
    scheduledAt: at.toISOString(),
    scheduledLocal: formatLocal(at, exercise.time_zone),
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    changedSinceApproval: approved ? changesSince(approved, e) : [],
    approvedVersion: approved,
  };
}

async function context(db: Q, exercise: ExerciseRow) {
  const [teams, objectives, zones] = await Promise.all([
    planRepository.teams(db, exercise.id),
    planRepository.objectives(db, exercise.id),
    planRepository.zones(db, exercise.id),
  ]);
  const targets = await planRepository.capabilityTargets(
    db,
    objectives.map((o) => o.id),
  );
  const tasks = await planRepository.criticalTasks(
    db,
    targets.map((t) => t.id),
  );
  return {
    startex: new Date(exercise.startex),
    endex: new Date(exercise.endex),
    teamIds: new Set(teams.map((t) => t.id)),
    objectiveIds: new Set(objectives.map((o) => o.id)),
    criticalTaskIds: new Set(tasks.map((k) => k.id)),
    closures: zones
      .filter((z) => z.kind === 'road-closure' && z.starts_at && z.ends_at)
      .map((z) => ({
        id: z.id,
        name: z.name,
        road: z.road ?? z.name,
        startsAt: new Date(z.starts_at!),
        endsAt: new Date(z.ends_at!),
      })),
  };
}

/** The MSEL with its findings; refused to anyone who may not read the controllers' side. */
export async function getMsel(ctx: AppContext, policy: Actor, exerciseId: string): Promise<Msel> {
  const db = ctx.db.kysely;
  const { row: exercise, scope } = await readableExercise(db, policy, exerciseId);
  if (!mayReadControllerSide(policy, scope))
    throw forbidden('The MSEL is for controllers, evaluators and planners only');
  const rows = await mselRepository.list(db, exerciseId);
  const events = rows.map((r) => toView(r, exercise));
  return {
    exerciseId,
    timeZone: exercise.time_zone,
    approval: exercise.msel_approval,
    events,
    findings: validateMsel(events, await context(db, exercise)),
  };
}

export interface MselEventInput {
  number: string;
  kind: string;
  offsetMinutes: number;
  scenarioTime?: string | null | undefined;
  from?: string | null | undefined;
  toTeamIds?: string[] | undefined;
  toText?: string | null | undefined;
  method: string;
  title: string;
  content: string;
  expectedAction?: string | null | undefined;
  objectiveIds?: string[] | undefined;
  criticalTaskIds?: string[] | undefined;
  responsibleControllerId?: string | null | undefined;
  contingency?: boolean | undefined;
  controllerNotes?: string | null | undefined;
}

const text = (v: string | null | undefined, field: string, max: number): string | null => {
  if (v === undefined || v === null || v.trim() === '') return null;
  if (v.length > max) throw badField(field, 'max_length', { max });
  return v.trim();
};

/** Checks one event's fields; `row` names the spreadsheet row or list index in messages. */
export function checkEventInput(
  input: MselEventInput,
  prefix = '',
): Omit<
  MselEventRow,
  | 'id'
  | 'exercise_id'
  | 'position'
  | 'approval'
  | 'approved_snapshot'
  | 'approved_by'
  | 'approved_at'
  | 'author_id'
  | 'version'
  | 'created_at'
  | 'updated_at'
> {
  const f = (name: string) => `${prefix}${name}`;
  const number = text(input.number, f('number'), 20);
  if (!number) throw badField(f('number'), 'required');
  if (!(EVENT_KINDS as readonly string[]).includes(input.kind))
    throw badField(f('kind'), 'one_of', { allowed: EVENT_KINDS.join(', ') });
  if (!(DELIVERY_METHODS as readonly string[]).includes(input.method))
    throw badField(f('method'), 'one_of', { allowed: DELIVERY_METHODS.join(', ') });
  if (!Number.isInteger(input.offsetMinutes) || Math.abs(input.offsetMinutes) > 60 * 24 * 366)
    throw badField(f('offsetMinutes'), 'offset_minutes');
  const title = text(input.title, f('title'), 300);
  if (!title) throw badField(f('title'), 'required');
  if (input.content.length > 20_000) throw badField(f('content'), 'max_length', { max: '20,000' });
  return {
    number,
    kind: input.kind,
    offset_minutes: input.offsetMinutes,
    scenario_time: text(input.scenarioTime, f('scenarioTime'), 100),
    from_role: text(input.from, f('from'), 200),
    to_team_ids: JSON.stringify(input.toTeamIds ?? []),
    to_text: text(input.toText, f('toText'), 300),
    method: input.method,
    title,
    content: input.content,
    expected_action: text(input.expectedAction, f('expectedAction'), 4000),
    objective_ids: JSON.stringify(input.objectiveIds ?? []),
    critical_task_ids: JSON.stringify(input.criticalTaskIds ?? []),
    responsible_controller_id: input.responsibleControllerId ?? null,
    contingency: input.contingency ? 1 : 0,
    controller_notes: text(input.controllerNotes, f('controllerNotes'), 10_000),
  };
}

export async function addEvent(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: MselEventInput,
): Promise<MselEventView> {
  const id = randomUUID();
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const existing = await mselRepository.list(trx, exerciseId);
    await mselRepository.insert(trx, {
      id,
      exercise_id: exerciseId,
      ...checkEventInput(input),
      position: existing.length === 0 ? 1 : Math.max(...existing.map((e) => e.position)) + 1,
      approval: 'draft',
      approved_snapshot: null,
      approved_by: null,
      approved_at: null,
      author_id: actor.userId,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await trx.updateTable('exercises').set({ msel_approval: 'draft' }).where('id', '=', exerciseId).execute();
    return { result: undefined, action: 'msel.event.created', detail: { eventId: id, number: input.number } };
  });
  return viewOne(ctx, exerciseId, id);
}

async function viewOne(ctx: AppContext, exerciseId: string, id: string): Promise<MselEventView> {
  const exercise = await getExerciseRow(ctx.db.kysely, exerciseId);
  const row = await mselRepository.get(ctx.db.kysely, exerciseId, id);
  if (!row) throw notFound('MSEL event');
  return toView(row, exercise);
}

/**
 * Edits an event. An approved event whose reviewed fields change goes back to draft, and its
 * approved version stays stored so the change shows against it.
 */
export async function updateEvent(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  id: string,
  version: number,
  input: MselEventInput,
): Promise<MselEventView> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const row = await mselRepository.get(trx, exerciseId, id);
    if (!row) throw notFound('MSEL event');
    const fields = checkEventInput(input);
    const next = toEvent({ ...row, ...fields });
    const approved = row.approved_snapshot ? (JSON.parse(row.approved_snapshot) as ApprovedSnapshot) : null;
    const changed = approved ? changesSince(approved, next) : [];
    const backToReview = row.approval === 'approved' && changed.length > 0;
    const approval = backToReview ? 'draft' : row.approval;
    const ok = await mselRepository.update(trx, exerciseId, id, version, {
      ...fields,
      approval,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!ok)
      throw new AppError(
        'stale_version',
        409,
        'Someone changed this event since you opened it; reload and apply your change again',
        'version',
      );
    if (approval !== 'approved')
      await trx
        .updateTable('exercises')
        .set({ msel_approval: 'draft' })
        .where('id', '=', exerciseId)
        .execute();
    return {
      result: undefined,
      action: 'msel.event.updated',
      detail: { eventId: id, changedSinceApproval: changed, backToReview },
    };
  });
  return viewOne(ctx, exerciseId, id);
}

export async function deleteEvent(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  id: string,
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    // An inject left waiting for a decision that can no longer be taken would never fire.
    const waiting = await branchingRepository.waitingFor(trx, exerciseId, id);
    if (waiting.length) throw badField('id', 'decision_awaited', { numbers: waiting.join(', ') }, 409);
    if ((await mselRepository.delete(trx, exerciseId, id)) === 0) throw notFound('MSEL event');
    return { result: undefined, action: 'msel.event.deleted', detail: { eventId: id } };
  });
}

/** Puts the events in the given order (a drag and drop in the grid); ids not listed keep theirs after. */
export async function reorderEvents(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  ids: string[],
): Promise<void> {
  await editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const rows = await mselRepository.list(trx, exerciseId);
    const known = new Set(rows.map((r) => r.id));
    const unknown = ids.find((i) => !known.has(i));
    if (unknown) throw badField('ids', 'event_not_in_msel', { event: unknown });
    const rest = rows.filter((r) => !ids.includes(r.id)).map((r) => r.id);
    const order = [...ids, ...rest];
    for (const [i, id] of order.entries()) await mselRepository.setPosition(trx, exerciseId, id, i + 1);
    return { result: undefined, action: 'msel.reordered', detail: { count: ids.length } };
  });
}

/** Submits events for approval: the given ones, or every draft when none are given. */
export async function submitEvents(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  ids?: string[],
): Promise<number> {
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const rows = (await mselRepository.list(trx, exerciseId)).filter(
      (r) => r.approval === 'draft' && (!ids || ids.includes(r.id)),
    );
    for (const r of rows)
      await mselRepository.update(trx, exerciseId, r.id, r.version, { approval: 'submitted' });
    await trx
      .updateTable('exercises')
      .set({ msel_approval: 'submitted' })
      .where('id', '=', exerciseId)
      .execute();
    return { result: rows.length, action: 'msel.submitted', detail: { count: rows.length } };
  });
}

/**
 * Approves submitted events — the given ones, or the whole list. The approver needs the approve
 * right and must not be the event's author; the whole list counts as approved only when every
 * event is, and blocking findings (errors) stop a whole-list approval.
 */
export async function approveEvents(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  ids?: string[],
): Promise<{ approved: number; mselApproved: boolean }> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row: exercise } = await readableExercise(trx, policy, exerciseId);
    if (!can(policy, 'msel:approve', planScopeOf(exercise))) throw forbidden('You may not approve this MSEL');
    const rows = await mselRepository.list(trx, exerciseId);
    const chosen = rows.filter((r) => !ids || ids.includes(r.id));
    if (ids && chosen.length !== ids.length) throw badField('ids', 'events_not_in_msel');
    const own = chosen.find((r) => r.author_id !== null && r.author_id === actor.userId);
    if (own)
      throw new AppError('own_inject', 403, `Event ${own.number} is yours: someone else must approve it`);
    const notSubmitted = chosen.find((r) => r.approval === 'draft');
    if (notSubmitted) throw badField('ids', 'event_is_draft', { event: notSubmitted.number });
    if (!ids) {
      const errors = validateMsel(rows.map(toEvent), await context(trx, exercise)).filter(
        (f) => f.severity === 'error',
      );
      if (errors.length)
        throw new AppError(
          'msel_invalid',
          422,
          `The MSEL has ${errors.length} error(s), first: ${errors[0]!.message}`,
        );
    }
    const now = ctx.clock.now().toISOString();
    let approved = 0;
    for (const r of chosen.filter((c) => c.approval === 'submitted')) {
      await mselRepository.update(trx, exerciseId, r.id, r.version, {
        approval: 'approved',
        approved_snapshot: JSON.stringify(snapshotOf(toEvent(r))),
        approved_by: actor.userId,
        approved_at: now,
      });
      approved++;
    }
    const all = (await mselRepository.list(trx, exerciseId)).every((r) => r.approval === 'approved');
    await trx
      .updateTable('exercises')
      .set(
        all
          ? { msel_approval: 'approved', msel_approved_by: actor.userId, msel_approved_at: now }
          : { msel_approval: 'submitted' },
      )
      .where('id', '=', exerciseId)
      .execute();
    await appendAudit(ctx, trx, actor, {
      action: 'msel.approved',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { approved, whole: !ids, mselApproved: all },
    });
    return { approved, mselApproved: all };
  });
}
