import { exerciseMsAt, isTicking, wallAtExercise } from '../../core/conduct/clock.js';
import { OUTAGE_GRACE_MS } from '../../core/conduct/pause-policy.js';
import type { Actor } from '../../core/policy/policy.js';
import { AppError, badField, notFound } from '../../errors.js';
import { bookWake, cancelPendingWakes, cancelWake, type Wake } from '../../jobs/schedule/scheduler.js';
import { branchingRepository } from '../../store/branching.repository.js';
import type { InjectDecisionRow, InjectRunRow } from '../../store/conduct-tables.js';
import { conductRepository } from '../../store/conduct.repository.js';
import { appendAudit } from '../audit.service.js';
import { SYSTEM_ACTOR, type ActorInfo, type AppContext, type Q } from '../context.js';
import { cleanText } from '../text.js';
import {
  applyDecision,
  runDecision,
  runReleaseOn,
  type RunDecision,
  type RunReleaseOn,
} from './branching.service.js';
import {
  fireRun,
  fireRuns,
  INJECT_TOPIC,
  injectChanged,
  injectWakeKey,
  replan,
  takeConduct,
  type Conduct,
} from './conduct.js';

/** An inject as the control room shows it. */
export interface InjectRun {
  id: string;
  eventId: string | null;
  number: string;
  title: string;
  content: string;
  method: string;
  toTeamIds: string[];
  dueSeconds: number;
  contingency: boolean;
  status: 'scheduled' | 'held' | 'fired' | 'skipped';
  /** Scheduled and its time (or backlog release) has come. */
  due: boolean;
  releaseAt: string | null;
  firedAt: string | null;
  firedHow: string | null;
  editedAt: string | null;
  changedBy: string | null;
  version: number;
  /** The question it puts to its players, and the choice once taken. */
  decision: RunDecision | null;
  /** What it waits for (or waited for, once released) before it may fire. */
  releaseOn: RunReleaseOn | null;
}

export function toRun(
  r: InjectRunRow,
  c: Pick<Conduct, 'state'>,
  now: number,
  decided?: InjectDecisionRow,
): InjectRun {
  const due =
    r.status === 'scheduled' &&
    isTicking(c.state) &&
    (r.release_at ? Date.parse(r.release_at) <= now : r.due_seconds * 1000 <= exerciseMsAt(c.state, now));
  return {
    id: r.id,
    eventId: r.event_id,
    number: r.number,
    title: r.title,
    content: r.content,
    method: r.method,
    toTeamIds: JSON.parse(r.to_team_ids) as string[],
    dueSeconds: r.due_seconds,
    contingency: r.contingency === 1,
    status: r.status as InjectRun['status'],
    due,
    releaseAt: r.release_at,
    firedAt: r.fired_at,
    firedHow: r.fired_how,
    editedAt: r.edited_at,
    changedBy: r.changed_by_name,
    version: r.version,
    decision: runDecision(r, decided),
    releaseOn: runReleaseOn(r),
  };
}

/** One run as the control room shows it, with its decision if one was taken. */
export async function runView(trx: Q, c: Conduct, runId: string): Promise<InjectRun> {
  const [decided] = await branchingRepository.decisionsOf(trx, [runId]);
  return toRun((await conductRepository.run(trx, runId))!, c, c.now, decided);
}

/** The injects of a running (or ended) exercise, in the order of their exercise time. */
export async function listInjects(ctx: AppContext, policy: Actor, exerciseId: string): Promise<InjectRun[]> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy, 'read');
    const decided = new Map((await branchingRepository.decisions(trx, exerciseId)).map((d) => [d.run_id, d]));
    return (await conductRepository.runs(trx, exerciseId)).map((r) => toRun(r, c, c.now, decided.get(r.id)));
  });
}

/** What a controller does to one inject. */
export type InjectAction = 'fire' | 'hold' | 'release' | 'skip';

export interface InjectEdit {
  title?: string | undefined;
  content?: string | undefined;
  toTeamIds?: string[] | undefined;
  /** A new exercise time, in minutes from STARTEX. */
  dueMinutes?: number | undefined;
}

function refusal(run: InjectRunRow, doing: string): AppError {
  if (run.status === 'fired')
    return new AppError(
      'inject_already_fired',
      409,
      `inject ${run.number} has already fired; it cannot ${doing}`,
    );
  if (run.status === 'skipped')
    return new AppError('inject_skipped', 409, `inject ${run.number} was skipped; it cannot ${doing}`);
  return new AppError(
    'inject_not_held',
    409,
    `inject ${run.number} is not held; only a held inject is released`,
  );
}

async function loadRun(trx: Q, c: Conduct, runId: string): Promise<InjectRunRow> {
  const run = await conductRepository.run(trx, runId);
  if (!run || run.exercise_id !== c.exercise.id) throw notFound('The inject');
  return run;
}

/** Books the run's wake at its exercise time (at once when that has passed), if the clock runs. */
export async function bookOnTime(
  trx: Q,
  c: Conduct,
  run: Pick<InjectRunRow, 'id' | 'due_seconds'>,
): Promise<void> {
  const at = wallAtExercise(c.state, run.due_seconds * 1000);
  if (at !== null)
    await bookWake(trx, { topic: INJECT_TOPIC, key: injectWakeKey(c.exercise.id, run.id), at: new Date(at) });
}

/**
 * A controller's action on one inject: fire it now, hold it, release a held one to its time, or skip
 * it. Each is a conditional write (refused once the inject fired or was skipped), audited with who
 * and why, and shown live.
 */
export async function injectAction(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  runId: string,
  action: InjectAction,
  reasonText?: string | null,
): Promise<InjectRun> {
  const reason = reasonText?.trim() ? cleanText(reasonText, 'reason', 500) : null;
  if ((action === 'hold' || action === 'skip') && !reason) throw badField('reason', 'reason_required');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy);
    if (c.state.phase === 'before')
      throw new AppError('clock_not_started', 409, 'the clock has not started: give STARTEX first');
    if (c.state.phase === 'ended') throw new AppError('clock_ended', 409, 'the exercise has ended (ENDEX)');
    if (c.state.halted && action === 'fire')
      throw new AppError('no_play_on', 409, 'NO PLAY is on: no inject fires until play resumes', 'action');
    const run = await loadRun(trx, c, runId);
    const at = new Date(c.now).toISOString();
    const by = { changed_by_id: actor.userId, changed_by_name: actor.name, updated_at: at };
    const key = injectWakeKey(exerciseId, runId);
    if (action === 'fire') {
      if (!(await fireRun(ctx, trx, c, run, 'controller', actor, reason))) throw refusal(run, 'fire again');
    } else {
      const [from, status] =
        action === 'hold'
          ? [['scheduled'], 'held']
          : action === 'release'
            ? [['held'], 'scheduled']
            : [['scheduled', 'held'], 'skipped'];
      if (!(await conductRepository.changeRun(trx, runId, from, { ...by, status, release_at: null })))
        throw refusal(run, action === 'hold' ? 'be held' : action === 'skip' ? 'be skipped' : 'be released');
      if (action === 'release') await bookOnTime(trx, c, run);
      else await cancelWake(trx, INJECT_TOPIC, key);
      await appendAudit(ctx, trx, actor, {
        action: `inject.${action === 'release' ? 'released' : action === 'hold' ? 'held' : 'skipped'}`,
        subjectType: 'inject',
        subjectId: runId,
        detail: { exerciseId, number: run.number, reason },
      });
      await injectChanged(ctx, trx, c, runId, status);
    }
    return runView(trx, c, runId);
  });
}

/** Edits an inject before it fires; refused once it has fired or been skipped. */
export async function editInject(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  runId: string,
  edit: InjectEdit,
): Promise<InjectRun> {
  const title = edit.title !== undefined ? cleanText(edit.title, 'title', 300) : undefined;
  const content = edit.content !== undefined ? cleanText(edit.content, 'content', 10_000) : undefined;
  if (title === '') throw badField('title', 'not_empty');
  if (edit.dueMinutes !== undefined && (!Number.isInteger(edit.dueMinutes) || edit.dueMinutes < 0))
    throw badField('dueMinutes', 'minutes_from_startex');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy);
    const run = await loadRun(trx, c, runId);
    if (edit.toTeamIds !== undefined) {
      const teams = await trx
        .selectFrom('teams')
        .select('id')
        .where('exercise_id', '=', exerciseId)
        .execute();
      const known = new Set(teams.map((t) => t.id));
      const unknown = edit.toTeamIds.filter((t) => !known.has(t));
      if (unknown.length) throw badField('toTeamIds', 'not_teams_of_exercise', { ids: unknown.join(', ') });
    }
    const at = new Date(c.now).toISOString();
    const changed = await conductRepository.changeRun(trx, runId, ['scheduled', 'held'], {
      ...(title !== undefined ? { title } : {}),
      ...(content !== undefined ? { content } : {}),
      ...(edit.toTeamIds !== undefined ? { to_team_ids: JSON.stringify(edit.toTeamIds) } : {}),
      ...(edit.dueMinutes !== undefined ? { due_seconds: edit.dueMinutes * 60, release_at: null } : {}),
      edited_at: at,
      changed_by_id: actor.userId,
      changed_by_name: actor.name,
      updated_at: at,
    });
    if (!changed) throw refusal(run, 'be edited');
    if (edit.dueMinutes !== undefined && run.status === 'scheduled')
      await bookOnTime(trx, c, { id: runId, due_seconds: edit.dueMinutes * 60 });
    await appendAudit(ctx, trx, actor, {
      action: 'inject.edited',
      subjectType: 'inject',
      subjectId: runId,
      detail: { exerciseId, number: run.number, fields: Object.keys(edit) },
    });
    await injectChanged(ctx, trx, c, runId, 'edited');
    return runView(trx, c, runId);
  });
}

/**
 * The most injects one wake fires in its transaction. A whole minute's burst of a large MSEL (the
 * MSEL's resolution is a minute, so 1,000 injects can fall due at one instant) commits at once:
 * about 0.1 s of the exercise's clock lock on PostgreSQL, against 0.3 s and more for the same
 * burst in four batches, each behind the wakes queued on the lock before it. A larger burst fires
 * from its own wakes, a batch each, so the lock is never held much longer.
 */
export const FIRE_BATCH = 1000;

/** When the clock is to fire a scheduled run: its backlog release, else its exercise time. */
const expectedAt = (c: Conduct, run: InjectRunRow): number =>
  run.release_at ? Date.parse(run.release_at) : wallAtExercise(c.state, run.due_seconds * 1000)!;

/**
 * Whether the clock fires this run now, as its own wake would: scheduled (not held, so not waiting
 * on a branch), its time come, and not so far behind that its wake would re-plan an outage instead.
 */
function firesNow(c: Conduct, run: InjectRunRow): boolean {
  if (run.status !== 'scheduled') return false;
  const expected = expectedAt(c, run);
  return expected <= c.now && c.now - expected <= OUTAGE_GRACE_MS;
}

/**
 * Fires `run` and, in the same transaction under the same clock lock, up to FIRE_BATCH - 1 other
 * injects of the exercise that are due now, in the order of their time then their MSEL position:
 * a burst due at one instant goes out in a few transactions instead of one per inject. Each inject
 * still gets its own conditional write, fan-out, audit entry and live event (fireRuns). Returns the
 * keys of the other fired injects' wakes, for the caller to cancel once this has committed.
 */
async function fireDue(ctx: AppContext, trx: Q, c: Conduct, run: InjectRunRow): Promise<string[]> {
  const others = (
    await conductRepository.dueRuns(trx, c.exercise.id, {
      releasedBy: new Date(c.now).toISOString(),
      // One second of slack: firesNow decides by the clock's own arithmetic.
      dueSeconds: Math.floor(exerciseMsAt(c.state, c.now) / 1000) + 1,
      limit: FIRE_BATCH,
    })
  ).filter((r) => r.id !== run.id && firesNow(c, r));
  const batch = [run, ...others.slice(0, FIRE_BATCH - 1)]
    .map((r) => ({ r, at: expectedAt(c, r) }))
    .sort((a, b) => a.at - b.at || a.r.position - b.r.position)
    .map(({ r }) => r);
  const fired = await fireRuns(ctx, trx, c, batch, SYSTEM_ACTOR);
  return batch
    .filter((r) => r.id !== run.id && fired.has(r.id))
    .map((r) => injectWakeKey(c.exercise.id, r.id));
}

/**
 * The clock's wake for one inject. The timer only wakes: this decides, in one transaction under
 * the exercise's clock lock, from the clock's history as it now stands. It fires the inject only if
 * the clock runs, the inject still waits, and its time (or backlog release) has come, and with it
 * the exercise's other injects due now (fireDue); a wake far behind its time means nobody could
 * fire it (an outage), so the whole backlog is re-planned by the pause policy instead of going out
 * in a burst. A second process waking for the same inject finds it fired and does nothing.
 */
export async function onInjectWake(ctx: AppContext, wake: Wake): Promise<void> {
  const [exerciseId, runId] = wake.key.split('/') as [string, string];
  const firedWith = await ctx.db.kysely.transaction().execute(async (trx): Promise<string[]> => {
    // A wake whose inject a burst already fired (claimed before its cancellation, or left pending
    // by a crash just after the firing committed: up to 999 of them) ends here, before the
    // exercise's clock lock. Only a scheduled run fires from its wake, and a run scheduled again
    // books a wake of its own. Read in the transaction: a read of its own would wait for a
    // connection once more, and on a busy process that wait is most of a wake's lateness.
    const current = await conductRepository.run(trx, runId);
    if (current?.status !== 'scheduled') return [];
    const c = await takeConduct(ctx, trx, exerciseId, null);
    // Paused or under NO PLAY: resuming re-plans every waiting inject and books its wake again.
    if (!isTicking(c.state)) return [];
    let run = await conductRepository.run(trx, runId);
    if (!run || run.status !== 'scheduled') return [];
    const expected = expectedAt(c, run);
    if (c.now < expected) {
      // Woken early by this process's clock: the database's time is the one that counts.
      await bookWake(trx, { topic: INJECT_TOPIC, key: wake.key, at: new Date(expected) });
      return [];
    }
    if (c.now - expected > OUTAGE_GRACE_MS) {
      await replan(ctx, trx, c);
      run = (await conductRepository.run(trx, runId))!;
      if (run.status !== 'scheduled' || !run.release_at || Date.parse(run.release_at) > c.now) return [];
    }
    return fireDue(ctx, trx, c, run);
  });
  // After the commit, so a burst is seen fired without waiting for its wakes' rows (999 of them:
  // 13 ms on PostgreSQL). A fired inject never waits again, so a wake left pending meanwhile (or
  // by a crash here) only finds its inject fired when it comes; cancelling spares those visits.
  if (firedWith.length)
    await ctx.db.kysely.transaction().execute((trx) => cancelPendingWakes(trx, INJECT_TOPIC, firedWith));
}

/**
 * A controller enters the decision an inject asked for (heard on the radio, given at the table);
 * the same rules as a player's: once, and only after the inject fired.
 */
export async function decideInject(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  runId: string,
  option: string,
): Promise<InjectRun> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy);
    if (c.state.phase === 'ended') throw new AppError('clock_ended', 409, 'the exercise has ended (ENDEX)');
    const run = await loadRun(trx, c, runId);
    await applyDecision(ctx, trx, c, run, option, { actor, via: 'controller', teamId: null });
    return runView(trx, c, runId);
  });
}
