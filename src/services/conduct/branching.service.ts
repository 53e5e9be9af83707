import {
  optionOf,
  releasesFor,
  type ReleaseOn,
  type Trigger,
  type Waiting,
} from '../../core/conduct/branching.js';
import { exerciseMsAt } from '../../core/conduct/clock.js';
import type { Actor } from '../../core/policy/policy.js';
import { AppError, badField } from '../../errors.js';
import { cancelWake } from '../../jobs/schedule/scheduler.js';
import { branchingRepository } from '../../store/branching.repository.js';
import type { InjectDecisionRow, InjectRunRow } from '../../store/conduct-tables.js';
import { conductRepository } from '../../store/conduct.repository.js';
import { playRepository } from '../../store/play.repository.js';
import type { MselEventRow } from '../../store/schema.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { branchingOf } from '../planning/branching.service.js';
import { cleanText } from '../text.js';
import {
  INJECT_TOPIC,
  injectChanged,
  injectWakeKey,
  readingOf,
  takeConduct,
  type Conduct,
} from './conduct.js';
import { bookOnTime } from './injects.service.js';

/** A decision point as played: the question, and the choice once taken. */
export interface RunDecision {
  question: string;
  options: string[];
  chosen: string | null;
  by: string | null;
  at: string | null;
  /** player (in the player view) or controller (entered for them). */
  via: string | null;
}

/** What a conditional inject waits for, as the control room names it (the deciding inject's number). */
export type RunReleaseOn =
  | { kind: 'decision'; number: string; option: string; delayMinutes: number }
  | { kind: 'milestone'; milestone: string; delayMinutes: number };

type StoredReleaseOn = ReleaseOn & { number?: string };

export function runDecision(r: Pick<InjectRunRow, 'decision'>, d?: InjectDecisionRow): RunDecision | null {
  if (!r.decision) return null;
  const { question, options } = JSON.parse(r.decision) as { question: string; options: string[] };
  return {
    question,
    options,
    chosen: d?.option ?? null,
    by: d?.by_name ?? null,
    at: d?.decided_at ?? null,
    via: d?.via ?? null,
  };
}

export function runReleaseOn(r: Pick<InjectRunRow, 'release_on'>): RunReleaseOn | null {
  if (!r.release_on) return null;
  const o = JSON.parse(r.release_on) as StoredReleaseOn;
  return o.kind === 'decision'
    ? { kind: 'decision', number: o.number ?? '', option: o.option, delayMinutes: o.delayMinutes }
    : { kind: 'milestone', milestone: o.milestone, delayMinutes: o.delayMinutes };
}

/**
 * The branching columns of each inject run at STARTEX, by MSEL event id. An inject waiting for a
 * decision point that is no longer in the MSEL waits for the controller instead (held, no condition).
 */
export async function branchingAtStart(
  trx: Q,
  exerciseId: string,
  events: readonly Pick<MselEventRow, 'id' | 'number'>[],
): Promise<Map<string, { decision: string | null; release_on: string | null; waits: boolean }>> {
  const numbers = new Map(events.map((e) => [e.id, e.number]));
  const out = new Map<string, { decision: string | null; release_on: string | null; waits: boolean }>();
  for (const row of await branchingRepository.planned(trx, exerciseId)) {
    const b = branchingOf(row);
    const r = b.releaseOn;
    const stored: StoredReleaseOn | null =
      r?.kind === 'decision'
        ? numbers.has(r.eventId)
          ? { ...r, number: numbers.get(r.eventId)! }
          : null
        : r;
    out.set(b.eventId, {
      decision: b.decision ? JSON.stringify(b.decision) : null,
      release_on: stored ? JSON.stringify(stored) : null,
      waits: r !== null,
    });
  }
  return out;
}

/**
 * Releases what a decision or a milestone was waiting for, in the caller's transaction under the
 * clock's lock: each inject of the branch taken is scheduled its delay after this exercise moment;
 * each of a branch not taken is skipped. Only injects still held move: one a controller already
 * released, fired or skipped by hand keeps what they did.
 */
async function release(
  ctx: AppContext,
  trx: Q,
  c: Conduct,
  trigger: Trigger,
  actor: ActorInfo,
): Promise<number> {
  const runs = await conductRepository.runs(trx, c.exercise.id);
  const byId = new Map(runs.map((r) => [r.id, r]));
  const waiting: Waiting[] = runs
    .filter((r) => r.status === 'held' && r.release_on)
    .map((r) => ({ runId: r.id, releaseOn: JSON.parse(r.release_on!) as ReleaseOn }));
  const { release: go, skip } = releasesFor(trigger, waiting);
  const at = new Date(c.now).toISOString();
  const nowSeconds = Math.floor(exerciseMsAt(c.state, c.now) / 1000);
  const by = { changed_by_id: actor.userId, changed_by_name: actor.name, updated_at: at };
  const cause = trigger.kind === 'decision' ? { decision: trigger.option } : { milestone: trigger.milestone };
  for (const g of go) {
    const due = nowSeconds + g.delayMinutes * 60;
    if (
      !(await conductRepository.changeRun(trx, g.runId, ['held'], {
        ...by,
        status: 'scheduled',
        due_seconds: due,
        release_at: null,
      }))
    )
      continue;
    await bookOnTime(trx, c, { id: g.runId, due_seconds: due });
    await appendAudit(ctx, trx, actor, {
      action: 'inject.branch_released',
      subjectType: 'inject',
      subjectId: g.runId,
      detail: {
        exerciseId: c.exercise.id,
        number: byId.get(g.runId)?.number,
        ...cause,
        delayMinutes: g.delayMinutes,
      },
    });
    await injectChanged(ctx, trx, c, g.runId, 'scheduled');
  }
  for (const runId of skip) {
    if (
      !(await conductRepository.changeRun(trx, runId, ['held'], {
        ...by,
        status: 'skipped',
        release_at: null,
      }))
    )
      continue;
    await cancelWake(trx, INJECT_TOPIC, injectWakeKey(c.exercise.id, runId));
    await appendAudit(ctx, trx, actor, {
      action: 'inject.branch_not_taken',
      subjectType: 'inject',
      subjectId: runId,
      detail: { exerciseId: c.exercise.id, number: byId.get(runId)?.number, ...cause },
    });
    await injectChanged(ctx, trx, c, runId, 'skipped');
  }
  return go.length;
}

/** Who takes a decision: a player of the inject's team, or a controller entering it for them. */
export interface Decider {
  actor: ActorInfo;
  via: 'player' | 'controller';
  teamId: string | null;
}

/**
 * Takes the decision a fired inject asks for, once: the first decision counts, the same choice again
 * is a no-op, another one is refused naming what was chosen and by whom. Releases the branch taken
 * and skips the others, in the caller's transaction under the clock's lock.
 */
export async function applyDecision(
  ctx: AppContext,
  trx: Q,
  c: Conduct,
  run: InjectRunRow,
  chosenText: string,
  who: Decider,
): Promise<RunDecision> {
  const asked = runDecision(run);
  if (!asked)
    throw new AppError('inject_not_a_decision', 409, `inject ${run.number} asks its players no question`);
  if (run.status !== 'fired')
    throw new AppError(
      'inject_not_fired',
      409,
      `inject ${run.number} has not been sent: its question is put when it fires`,
    );
  const option = optionOf(asked.options, cleanText(chosenText, 'option', 120));
  if (!option) throw badField('option', 'unknown_option', { option: chosenText.trim() });
  const at = new Date(c.now).toISOString();
  const taken = await branchingRepository.decide(trx, {
    run_id: run.id,
    exercise_id: c.exercise.id,
    option,
    team_id: who.teamId,
    by_id: who.actor.userId,
    by_name: who.actor.name ?? 'system',
    via: who.via,
    decided_at: at,
  });
  const [row] = await branchingRepository.decisionsOf(trx, [run.id]);
  if (!taken) {
    if (row && row.option === option) return runDecision(run, row)!;
    throw new AppError(
      'decision_taken',
      409,
      `inject ${run.number} was already decided: "${row?.option}" by ${row?.by_name}`,
      'option',
      undefined,
      { option: row?.option ?? '', by: row?.by_name ?? '' },
    );
  }
  await appendAudit(ctx, trx, who.actor, {
    action: 'inject.decided',
    subjectType: 'inject',
    subjectId: run.id,
    detail: {
      exerciseId: c.exercise.id,
      number: run.number,
      option,
      via: who.via,
      exerciseTime: readingOf(c, c.now).exercise,
    },
  });
  await release(ctx, trx, c, { kind: 'decision', eventId: run.event_id ?? run.id, option }, who.actor);
  await injectChanged(ctx, trx, c, run.id, 'decided');
  for (const userId of await playRepository.recipients(trx, run.id))
    await appendEvent(ctx, trx, { type: 'inbox.changed', exerciseId: c.exercise.id, forUserId: userId });
  return runDecision(run, row)!;
}

/** A milestone of the exercise: named by the branching, and whether it was reached. */
export interface Milestone {
  name: string;
  reachedAt: string | null;
  reachedBy: string | null;
  /** Exercise time it was reached at, "H+01:20:00". */
  exerciseTime: string | null;
  /** Injects still held waiting for it. */
  waiting: number;
}

function formatExercise(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `H+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

async function milestonesIn(trx: Q, exerciseId: string): Promise<Milestone[]> {
  const runs = await conductRepository.runs(trx, exerciseId);
  const reached = await branchingRepository.reached(trx, exerciseId);
  const out = new Map<string, Milestone>();
  const key = (n: string) => n.trim().toLocaleLowerCase();
  for (const r of runs) {
    const w = runReleaseOn(r);
    if (w?.kind !== 'milestone') continue;
    const m = out.get(key(w.milestone)) ?? {
      name: w.milestone,
      reachedAt: null,
      reachedBy: null,
      exerciseTime: null,
      waiting: 0,
    };
    if (r.status === 'held') m.waiting++;
    out.set(key(w.milestone), m);
  }
  for (const r of reached) {
    const m = out.get(key(r.milestone)) ?? {
      name: r.milestone,
      reachedAt: null,
      reachedBy: null,
      exerciseTime: null,
      waiting: 0,
    };
    out.set(key(r.milestone), {
      ...m,
      reachedAt: r.reached_at,
      reachedBy: r.by_name,
      exerciseTime: formatExercise(r.exercise_seconds),
    });
  }
  return [...out.values()];
}

/** The exercise's milestones for the control room: planned ones, and any marked on the day. */
export async function listMilestones(
  ctx: AppContext,
  policy: Actor,
  exerciseId: string,
): Promise<Milestone[]> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await takeConduct(ctx, trx, exerciseId, policy, 'read');
    return milestonesIn(trx, exerciseId);
  });
}

/**
 * Marks a milestone reached (once: a second mark is a no-op) and releases the injects waiting for
 * it. A controller may mark one the plan did not name, for the log and the report.
 */
export async function reachMilestone(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  nameText: string,
): Promise<Milestone[]> {
  const name = cleanText(nameText ?? '', 'milestone', 200);
  if (!name) throw badField('milestone', 'not_empty');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy);
    if (c.state.phase === 'before')
      throw new AppError('clock_not_started', 409, 'the clock has not started: give STARTEX first');
    if (c.state.phase === 'ended') throw new AppError('clock_ended', 409, 'the exercise has ended (ENDEX)');
    const planned = await milestonesIn(trx, exerciseId);
    const spelled =
      planned.find((m) => m.name.toLocaleLowerCase() === name.toLocaleLowerCase())?.name ?? name;
    const seconds = Math.floor(exerciseMsAt(c.state, c.now) / 1000);
    const first = await branchingRepository.reach(trx, {
      exercise_id: exerciseId,
      milestone: spelled,
      by_id: actor.userId,
      by_name: actor.name ?? 'system',
      reached_at: new Date(c.now).toISOString(),
      exercise_seconds: seconds,
    });
    if (first) {
      await appendAudit(ctx, trx, actor, {
        action: 'milestone.reached',
        subjectType: 'exercise',
        subjectId: exerciseId,
        detail: { exerciseId, milestone: spelled, exerciseTime: formatExercise(seconds) },
      });
      await release(ctx, trx, c, { kind: 'milestone', milestone: spelled }, actor);
      await appendEvent(ctx, trx, {
        type: 'inject.changed',
        organisationId: c.exercise.lead_organisation_id,
        exerciseId,
        subjectType: 'exercise',
        subjectId: exerciseId,
        payload: { status: 'milestone' },
      });
    }
    return milestonesIn(trx, exerciseId);
  });
}
