import { randomUUID } from 'node:crypto';
import { parseOffset } from '../../core/msel/time.js';
import { mselRepository } from '../../store/msel.repository.js';
import type { AppContext } from '../context.js';
import {
  approveEvents,
  checkEventInput,
  submitEvents,
  toEvent,
  updateEvent,
  type MselEventInput,
} from '../planning/msel.service.js';
import { setBranching } from '../planning/branching.service.js';
import { editPlan } from '../planning/plan.service.js';
import type { DemoActor } from './actors.js';
import type { DemoEvent, DemoMsel } from './types.js';

/** Ids of what an exercise's events point at, by the keys and names the data uses. */
export interface EventRefs {
  teams: ReadonlyMap<string, string>;
  objectives: ReadonlyMap<string, string>;
  tasks: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
}

const need = (map: ReadonlyMap<string, string>, key: string, what: string, n: string): string => {
  const id = map.get(key);
  // A dangling key is a mistake in the data set itself, caught by its tests.
  if (!id) throw new Error(`demo data: event ${n} names an unknown ${what} "${key}"`);
  return id;
};

/** A data row as the MSEL service takes it. */
export function toEventInput(e: DemoEvent, refs: EventRefs): MselEventInput {
  const offset = parseOffset(e.at);
  if ('error' in offset) throw new Error(`demo data: event ${e.n}: ${offset.error}`);
  return {
    number: e.n,
    kind: e.kind ?? 'inject',
    offsetMinutes: offset.minutes,
    scenarioTime: e.scenario ?? null,
    from: e.from,
    toTeamIds: (e.to ?? []).map((t) => need(refs.teams, t, 'team', e.n)),
    toText: e.toText ?? null,
    method: e.method,
    title: e.title,
    content: e.content,
    expectedAction: e.expect ?? null,
    objectiveIds: (e.obj ?? []).map((o) => need(refs.objectives, o, 'objective', e.n)),
    criticalTaskIds: (e.tasks ?? []).map((t) => need(refs.tasks, t, 'critical task', e.n)),
    responsibleControllerId: e.controller ? need(refs.people, e.controller, 'controller', e.n) : null,
    contingency: e.contingency ?? false,
    controllerNotes: e.notes ?? null,
  };
}

/**
 * Adds the events whose numbers are not in the MSEL yet, in one transaction and a few statements,
 * each checked by the MSEL service's own field rules; then submits, approves and edits them as the
 * data says. Returns how many were added.
 */
export async function loadMsel(
  ctx: AppContext,
  exerciseId: string,
  msel: DemoMsel,
  refs: EventRefs,
  author: DemoActor,
  approver: DemoActor,
): Promise<number> {
  const ids = await editPlan(ctx, author.info, author.policy, exerciseId, async (trx) => {
    const existing = await mselRepository.list(trx, exerciseId);
    const numbers = new Set(existing.map((r) => r.number));
    const fresh = msel.events.filter((e) => !numbers.has(e.n));
    const first = existing.reduce((max, r) => Math.max(max, r.position), 0) + 1;
    const now = ctx.clock.now().toISOString();
    const rows = fresh.map((e, i) => ({
      id: randomUUID(),
      exercise_id: exerciseId,
      ...checkEventInput(toEventInput(e, refs), `events[${e.n}].`),
      position: first + i,
      approval: 'draft',
      approved_snapshot: null,
      approved_by: null,
      approved_at: null,
      author_id: author.info.userId,
      version: 1,
      created_at: now,
      updated_at: now,
    }));
    await mselRepository.insertMany(trx, rows);
    if (rows.length)
      await trx
        .updateTable('exercises')
        .set({ msel_approval: 'draft' })
        .where('id', '=', exerciseId)
        .execute();
    return {
      result: rows.map((r) => r.id),
      action: 'msel.events.loaded',
      detail: { count: rows.length, source: 'demo data' },
    };
  });
  if (ids.length) await loadBranching(ctx, exerciseId, msel, author);
  if (ids.length === 0 || msel.state === 'draft') return ids.length;
  await submitEvents(ctx, author.info, author.policy, exerciseId, ids);
  if (msel.state === 'submitted') return ids.length;
  await approveEvents(ctx, approver.info, approver.policy, exerciseId, ids);
  const edited: string[] = [];
  for (const edit of msel.editsAfterApproval ?? [])
    edited.push(await editAfterApproval(ctx, exerciseId, edit, author));
  // The planner puts the changed events up for review again, as the approval workflow asks.
  if (edited.length) await submitEvents(ctx, author.info, author.policy, exerciseId, edited);
  return ids.length;
}

/** The questions and waits of the data's events, through the planning service's own checks. */
async function loadBranching(ctx: AppContext, exerciseId: string, msel: DemoMsel, author: DemoActor) {
  const rows = await mselRepository.list(ctx.db.kysely, exerciseId);
  const id = (n: string) => {
    const row = rows.find((r) => r.number === n);
    if (!row) throw new Error(`demo data: branching names no event ${n}`);
    return row.id;
  };
  for (const e of msel.events) {
    if (!e.asks && !e.waitsFor) continue;
    const w = e.waitsFor;
    await setBranching(ctx, author.info, author.policy, exerciseId, id(e.n), {
      decision: e.asks ?? null,
      releaseOn: !w
        ? null
        : 'decision' in w
          ? { kind: 'decision', eventId: id(w.decision), option: w.option, delayMinutes: w.delayMinutes }
          : { kind: 'milestone', milestone: w.milestone, delayMinutes: w.delayMinutes },
    });
  }
}

/** An edit to an approved event: the service sends it back to review and keeps the approved version. */
async function editAfterApproval(
  ctx: AppContext,
  exerciseId: string,
  edit: NonNullable<DemoMsel['editsAfterApproval']>[number],
  author: DemoActor,
): Promise<string> {
  const row = (await mselRepository.list(ctx.db.kysely, exerciseId)).find((r) => r.number === edit.n);
  if (!row) throw new Error(`demo data: no event ${edit.n} to edit`);
  const e = toEvent(row);
  const offset = edit.at ? parseOffset(edit.at) : { minutes: e.offsetMinutes };
  if ('error' in offset) throw new Error(`demo data: edit of ${edit.n}: ${offset.error}`);
  await updateEvent(ctx, author.info, author.policy, exerciseId, row.id, row.version, {
    ...e,
    offsetMinutes: offset.minutes,
    content: edit.content ?? e.content,
    controllerNotes: `${e.controllerNotes ? `${e.controllerNotes}\n` : ''}Changed after approval: ${edit.why}`,
  });
  return row.id;
}
