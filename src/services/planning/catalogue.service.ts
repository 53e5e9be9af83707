import { randomUUID } from 'node:crypto';
import { DELIVERY_METHODS, EVENT_KINDS } from '../../core/msel/msel.js';
import { can, SHARED, type Actor } from '../../core/policy/policy.js';
import { badField, forbidden, notFound } from '../../errors.js';
import { catalogueRepository, type CatalogueRow } from '../../store/catalogue.repository.js';
import { mselRepository } from '../../store/msel.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { cleanText } from '../text.js';
import { mayReadControllerSide, readableExercise } from './exercises.service.js';
import { checkEventInput, toEvent } from './msel.service.js';
import { editPlan } from './plan.service.js';

/**
 * Injects kept for reuse across exercises, found by hazard and core capability. An entry keeps the
 * *texts* of its critical tasks rather than ids: ids belong to one exercise, while "Set up the command
 * post" means the same thing in the next one, which is how links are restored on copying.
 */
export interface CatalogueEntry {
  id: string;
  hazard: string;
  coreCapabilityId: string | null;
  kind: string;
  method: string;
  title: string;
  content: string;
  expectedAction: string | null;
  criticalTaskTexts: string[];
  createdAt: string;
}

const toEntry = (r: CatalogueRow): CatalogueEntry => ({
  id: r.id,
  hazard: r.hazard,
  coreCapabilityId: r.core_capability_id,
  kind: r.kind,
  method: r.method,
  title: r.title,
  content: r.content,
  expectedAction: r.expected_action,
  criticalTaskTexts: JSON.parse(r.critical_task_texts) as string[],
  createdAt: r.created_at,
});

/** Hazards compare without case or extra spaces: "Hostage taking" finds "hostage  taking". */
export const normaliseHazard = (h: string) => h.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const sameText = (a: string, b: string) =>
  a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

export async function listCatalogue(
  ctx: AppContext,
  filter: { hazard?: string | undefined; capability?: string | undefined },
): Promise<CatalogueEntry[]> {
  return (
    await catalogueRepository.list(ctx.db.kysely, {
      hazard: filter.hazard ? normaliseHazard(filter.hazard) : undefined,
      capability: filter.capability,
    })
  ).map(toEntry);
}

export interface CatalogueInput {
  hazard: string;
  coreCapabilityId?: string | null | undefined;
  kind?: string | undefined;
  method: string;
  title: string;
  content: string;
  expectedAction?: string | null | undefined;
  criticalTaskTexts?: string[] | undefined;
}

async function checkEntry(db: Q, input: CatalogueInput) {
  const kind = input.kind ?? 'inject';
  if (!(EVENT_KINDS as readonly string[]).includes(kind))
    throw badField('kind', 'one_of', { allowed: EVENT_KINDS.join(', ') });
  if (!(DELIVERY_METHODS as readonly string[]).includes(input.method))
    throw badField('method', 'one_of', { allowed: DELIVERY_METHODS.join(', ') });
  if (
    input.coreCapabilityId &&
    !(await planRepository.coreCapabilities(db)).some((c) => c.id === input.coreCapabilityId)
  )
    throw badField('coreCapabilityId', 'no_such_core_capability');
  if (input.content.length > 20_000) throw badField('content', 'max_length', { max: '20,000' });
  return {
    hazard: normaliseHazard(cleanText(input.hazard, 'hazard', 100)),
    core_capability_id: input.coreCapabilityId ?? null,
    kind,
    method: input.method,
    title: cleanText(input.title, 'title', 300),
    content: input.content,
    expected_action: input.expectedAction?.trim()
      ? cleanText(input.expectedAction, 'expectedAction', 4000)
      : null,
    critical_task_texts: JSON.stringify(
      (input.criticalTaskTexts ?? []).map((t, i) => cleanText(t, `criticalTaskTexts[${i}]`, 1000)),
    ),
  };
}

async function insertEntry(
  ctx: AppContext,
  actor: ActorInfo,
  db: Q,
  fields: Awaited<ReturnType<typeof checkEntry>>,
) {
  const row: CatalogueRow = {
    id: randomUUID(),
    ...fields,
    created_by: actor.userId,
    created_at: ctx.clock.now().toISOString(),
  };
  await catalogueRepository.insert(db, row);
  await appendAudit(ctx, db, actor, {
    action: 'catalogue.saved',
    subjectType: 'inject_catalogue',
    subjectId: row.id,
    detail: { title: row.title, hazard: row.hazard },
  });
  return toEntry(row);
}

/** Saves a new catalogue entry. */
export async function saveToCatalogue(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  input: CatalogueInput,
): Promise<CatalogueEntry> {
  if (!can(policy, 'catalogue:manage', SHARED))
    throw forbidden(
      'The inject catalogue is shared by every organisation: only an unscoped grant changes it',
    );
  return ctx.db.kysely
    .transaction()
    .execute(async (trx) => insertEntry(ctx, actor, trx, await checkEntry(trx, input)));
}

/**
 * Saves an MSEL event for reuse: its text, method, the core capability of its first linked target
 * and the texts of its critical tasks. The actor must be able to read that MSEL.
 */
export async function saveEventToCatalogue(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  input: { exerciseId: string; eventId: string; hazard?: string | undefined },
): Promise<CatalogueEntry> {
  if (!can(policy, 'catalogue:manage', SHARED))
    throw forbidden(
      'The inject catalogue is shared by every organisation: only an unscoped grant changes it',
    );
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row: exercise, scope } = await readableExercise(trx, policy, input.exerciseId);
    if (!mayReadControllerSide(policy, scope)) throw forbidden('You may not read this MSEL');
    const row = await mselRepository.get(trx, input.exerciseId, input.eventId);
    if (!row) throw notFound('MSEL event');
    const event = toEvent(row);
    const objectives = await planRepository.objectives(trx, exercise.id);
    const targets = await planRepository.capabilityTargets(
      trx,
      objectives.map((o) => o.id),
    );
    const tasks = await planRepository.criticalTasks(
      trx,
      targets.map((t) => t.id),
    );
    const linked = tasks.filter((t) => event.criticalTaskIds.includes(t.id));
    const target =
      targets.find((t) => linked.some((k) => k.capability_target_id === t.id)) ??
      targets.find((t) => event.objectiveIds.includes(t.objective_id));
    const hazard = input.hazard ?? exercise.threat;
    if (!hazard) throw badField('hazard', 'needs_hazard');
    return insertEntry(
      ctx,
      actor,
      trx,
      await checkEntry(trx, {
        hazard,
        coreCapabilityId: target?.core_capability_id ?? null,
        kind: event.kind,
        method: event.method,
        title: event.title,
        content: event.content,
        expectedAction: event.expectedAction,
        criticalTaskTexts: linked.map((t) => t.text),
      }),
    );
  });
}

export async function deleteFromCatalogue(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  id: string,
): Promise<void> {
  if (!can(policy, 'catalogue:manage', SHARED))
    throw forbidden(
      'The inject catalogue is shared by every organisation: only an unscoped grant changes it',
    );
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if ((await catalogueRepository.delete(trx, id)) === 0) throw notFound('Catalogue entry');
    await appendAudit(ctx, trx, actor, {
      action: 'catalogue.deleted',
      subjectType: 'inject_catalogue',
      subjectId: id,
      detail: {},
    });
  });
}

export interface CopiedEvent {
  id: string;
  number: string;
  catalogueId: string;
  objectiveIds: string[];
  criticalTaskIds: string[];
}

/**
 * Copies catalogue entries into an exercise's MSEL as drafts, numbered after the highest number in
 * use, at `offsetMinutes`. Links are mapped onto this exercise: critical tasks whose text matches the
 * entry's, and the objectives those tasks or the entry's core capability belong to.
 */
export async function copyFromCatalogue(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: { entryIds: string[]; offsetMinutes?: number | undefined },
): Promise<CopiedEvent[]> {
  return editPlan(ctx, actor, policy, exerciseId, async (trx) => {
    const entries = await catalogueRepository.get(trx, input.entryIds);
    const missing = input.entryIds.find((id) => !entries.some((e) => e.id === id));
    if (missing) throw badField('entryIds', 'no_catalogue_entry', { id: missing });
    const objectives = await planRepository.objectives(trx, exerciseId);
    const targets = await planRepository.capabilityTargets(
      trx,
      objectives.map((o) => o.id),
    );
    const tasks = await planRepository.criticalTasks(
      trx,
      targets.map((t) => t.id),
    );
    const existing = await mselRepository.list(trx, exerciseId);
    let number = Math.max(0, ...existing.map((e) => Number.parseInt(e.number, 10)).filter(Number.isFinite));
    let position = Math.max(0, ...existing.map((e) => e.position));
    const now = ctx.clock.now().toISOString();
    const out: CopiedEvent[] = [];
    for (const id of input.entryIds) {
      const entry = toEntry(entries.find((e) => e.id === id)!);
      const taskHits = tasks.filter((t) => entry.criticalTaskTexts.some((x) => sameText(x, t.text)));
      const targetIds = new Set([
        ...taskHits.map((t) => t.capability_target_id),
        ...targets.filter((t) => t.core_capability_id === entry.coreCapabilityId).map((t) => t.id),
      ]);
      const objectiveIds = objectives
        .filter((o) => targets.some((t) => t.objective_id === o.id && targetIds.has(t.id)))
        .map((o) => o.id);
      const eventId = randomUUID();
      const fields = checkEventInput({
        number: String(++number),
        kind: entry.kind,
        offsetMinutes: input.offsetMinutes ?? 0,
        method: entry.method,
        title: entry.title,
        content: entry.content,
        expectedAction: entry.expectedAction,
        objectiveIds,
        criticalTaskIds: taskHits.map((t) => t.id),
      });
      await mselRepository.insert(trx, {
        id: eventId,
        exercise_id: exerciseId,
        ...fields,
        position: ++position,
        approval: 'draft',
        approved_snapshot: null,
        approved_by: null,
        approved_at: null,
        author_id: actor.userId,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      out.push({
        id: eventId,
        number: fields.number,
        catalogueId: id,
        objectiveIds,
        criticalTaskIds: taskHits.map((t) => t.id),
      });
    }
    if (out.length)
      await trx
        .updateTable('exercises')
        .set({ msel_approval: 'draft' })
        .where('id', '=', exerciseId)
        .execute();
    return {
      result: out,
      action: 'msel.copied_from_catalogue',
      detail: { entries: input.entryIds, events: out.map((o) => o.id) },
    };
  });
}
