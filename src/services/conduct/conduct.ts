import {
  clockFrom,
  parseScenarioStart,
  readClock,
  type ClockCommand,
  type ClockEvent,
  type ClockState,
} from '../../core/conduct/clock.js';
import { DEFAULT_PAUSE_POLICY, planInjects, type PausePolicy } from '../../core/conduct/pause-policy.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { forbidden, notFound } from '../../errors.js';
import { bookWakes, cancelWake } from '../../jobs/schedule/scheduler.js';
import { mapInTurns } from '../../store/turns.js';
import type { ClockEventRow, ExerciseClockRow, InjectRunRow } from '../../store/conduct-tables.js';
import { conductRepository } from '../../store/conduct.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import { appendAudit, appendAudits } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { appendEvent, appendEvents } from '../events/events.service.js';
import { requestFanOut, requestFanOuts } from '../outbox/fanout.js';

/** The wake topic of injects; the key is `<exercise id>/<inject run id>`. */
export const INJECT_TOPIC = 'conduct.inject';
export const injectWakeKey = (exerciseId: string, runId: string) => `${exerciseId}/${runId}`;

/** An exercise taken for one conduct change: its clock locked, its history read. */
export interface Conduct {
  exercise: ExerciseRow;
  clock: ExerciseClockRow;
  events: ClockEventRow[];
  state: ClockState;
  policy: PausePolicy;
  now: number;
}

export function commandOf(row: ClockEventRow): ClockCommand {
  switch (row.command) {
    case 'speed':
      return { kind: 'speed', speed: row.speed as 1 };
    case 'jump':
      return { kind: 'jump', toSeconds: row.to_seconds ?? 0 };
    case 'move':
      return { kind: 'move', scenarioSeconds: row.scenario_seconds ?? 0 };
    default:
      return { kind: row.command as 'startex' };
  }
}

export const historyOf = (rows: readonly ClockEventRow[]): ClockEvent[] =>
  rows.map((r) => ({ at: Date.parse(r.at), command: commandOf(r) }));

export function policyOf(
  clock: Pick<ExerciseClockRow, 'pause_policy' | 'release_interval_seconds'>,
): PausePolicy {
  if (clock.pause_policy === 'retime') return { kind: 'retime' };
  if (clock.pause_policy === 'hold') return { kind: 'hold' };
  if (clock.pause_policy === 'release')
    return { kind: 'release', intervalSeconds: clock.release_interval_seconds };
  return DEFAULT_PAUSE_POLICY;
}

/**
 * Opens a conduct change (or, with `need` read, a look without the lock): locks the exercise's clock (so commands, inject actions and wakes of one
 * exercise apply one after another, in every process), reads its history and computes where the
 * clock stands. `actor` null is the clock itself (a wake), which needs no permission.
 */
export async function takeConduct(
  ctx: AppContext,
  trx: Q,
  exerciseId: string,
  actor: Actor | null,
  need: 'conduct' | 'read' = 'conduct',
): Promise<Conduct> {
  const exercise = await trx
    .selectFrom('exercises')
    .selectAll()
    .where('id', '=', exerciseId)
    .executeTakeFirst();
  if (!exercise) throw notFound('The exercise');
  const scope = { exerciseId, organisationId: exercise.lead_organisation_id };
  if (actor && !can(actor, need === 'read' ? 'msel:read' : 'exercises:conduct', scope))
    throw forbidden(
      need === 'read' ? 'You may not see this exercise’s injects' : 'You may not run this exercise',
    );
  const nowDate = ctx.clock.now();
  const clock =
    need === 'read'
      ? ((await conductRepository.clock(trx, exerciseId)) ?? {
          exercise_id: exerciseId,
          pause_policy: 'release',
          release_interval_seconds: 60,
          scenario_start: null,
          traffic_mode: 'exercise',
          version: 0,
          updated_at: nowDate.toISOString(),
        })
      : await conductRepository.lockClock(trx, exerciseId, nowDate.toISOString());
  const events = await conductRepository.events(trx, exerciseId);
  return {
    exercise,
    clock,
    events,
    state: clockFrom(historyOf(events)),
    policy: policyOf(clock),
    // Read once the lock is held: a firing that waited behind others is stamped when it happens.
    now: need === 'read' ? nowDate.getTime() : ctx.clock.now().getTime(),
  };
}

/** The three clocks of a conduct at its `now`. */
export const readingOf = (c: Pick<Conduct, 'state' | 'clock'>, now: number) =>
  readClock(c.state, now, c.clock.scenario_start ? parseScenarioStart(c.clock.scenario_start) : null);

/**
 * Plans every waiting inject as the clock now stands and books its wake: on time if its exercise
 * time is ahead, else by the pause policy (released in order, re-timed, or held). Called after every
 * command that changes how exercise time runs, and when a wake finds an outage behind it.
 */
export async function replan(
  ctx: AppContext,
  trx: Q,
  c: Conduct,
): Promise<{ held: string[]; released: number }> {
  const runs = await conductRepository.scheduledRuns(trx, c.exercise.id);
  const plan = planInjects(
    c.state,
    await mapInTurns(runs, (r) => ({ id: r.id, dueMs: r.due_seconds * 1000, position: r.position })),
    c.policy,
    c.now,
  );
  const byId = new Map(runs.map((r) => [r.id, r]));
  const at = new Date(c.now).toISOString();
  for (const w of plan.wakes) {
    const releaseAt = w.released ? new Date(w.at).toISOString() : null;
    if (byId.get(w.id)!.release_at !== releaseAt)
      await conductRepository.changeRun(trx, w.id, ['scheduled'], { release_at: releaseAt, updated_at: at });
  }
  for (const id of plan.held) {
    await conductRepository.changeRun(trx, id, ['scheduled'], {
      status: 'held',
      release_at: null,
      updated_at: at,
    });
    await cancelWake(trx, INJECT_TOPIC, injectWakeKey(c.exercise.id, id));
  }
  await bookWakes(
    trx,
    await mapInTurns(plan.wakes, (w) => ({
      topic: INJECT_TOPIC,
      key: injectWakeKey(c.exercise.id, w.id),
      at: new Date(w.at),
    })),
  );
  return { held: plan.held, released: plan.wakes.filter((w) => w.released).length };
}

/**
 * Fires one inject: the conditional write (only from scheduled or held, so a second caller finds
 * nothing to do), its fan-out to the players, the audit entry and the live event, all in the
 * caller's transaction. False when it had already fired or been skipped.
 */
export async function fireRun(
  ctx: AppContext,
  trx: Q,
  c: Conduct,
  run: InjectRunRow,
  how: 'clock' | 'controller',
  actor: ActorInfo,
  reason: string | null,
): Promise<boolean> {
  const at = new Date(c.now).toISOString();
  const fired = await conductRepository.changeRun(trx, run.id, ['scheduled', 'held'], {
    status: 'fired',
    fired_at: at,
    fired_how: how,
    release_at: null,
    changed_by_id: actor.userId,
    changed_by_name: actor.name,
    updated_at: at,
  });
  if (!fired) return false;
  if (how === 'controller') await cancelWake(trx, INJECT_TOPIC, injectWakeKey(c.exercise.id, run.id));
  await requestFanOut(ctx, trx, {
    sourceKind: 'inject',
    sourceId: run.id,
    sequence: 1,
    mode: c.clock.traffic_mode === 'rehearsal' ? 'rehearsal' : 'exercise',
    exerciseId: c.exercise.id,
  });
  const reading = readingOf(c, c.now);
  await appendAudit(ctx, trx, actor, {
    action: 'inject.fired',
    subjectType: 'inject',
    subjectId: run.id,
    detail: { exerciseId: c.exercise.id, number: run.number, how, exerciseTime: reading.exercise, reason },
  });
  await injectChanged(ctx, trx, c, run.id, 'fired');
  return true;
}

/**
 * Fires several injects by the clock at once, writing for each exactly what fireRun writes (the
 * conditional change, its fan-out, its audit entry, its live event, in the order given), with one
 * statement for each kind instead of one per inject. The ids of those that fired; the others had
 * already fired or been skipped.
 */
export async function fireRuns(
  ctx: AppContext,
  trx: Q,
  c: Conduct,
  runs: readonly InjectRunRow[],
  actor: ActorInfo,
): Promise<Set<string>> {
  const at = new Date(c.now).toISOString();
  const ids = await conductRepository.changeRuns(
    trx,
    runs.map((r) => r.id),
    ['scheduled', 'held'],
    {
      status: 'fired',
      fired_at: at,
      fired_how: 'clock',
      release_at: null,
      changed_by_id: actor.userId,
      changed_by_name: actor.name,
      updated_at: at,
    },
  );
  const fired = runs.filter((r) => ids.has(r.id));
  if (!fired.length) return ids;
  const mode = c.clock.traffic_mode === 'rehearsal' ? 'rehearsal' : 'exercise';
  await requestFanOuts(
    ctx,
    trx,
    fired.map((r) => ({
      sourceKind: 'inject',
      sourceId: r.id,
      sequence: 1,
      mode,
      exerciseId: c.exercise.id,
    })),
  );
  const exerciseTime = readingOf(c, c.now).exercise;
  await appendAudits(
    ctx,
    trx,
    actor,
    fired.map((r) => ({
      action: 'inject.fired' as const,
      subjectType: 'inject',
      subjectId: r.id,
      detail: { exerciseId: c.exercise.id, number: r.number, how: 'clock', exerciseTime, reason: null },
    })),
  );
  await appendEvents(
    ctx,
    trx,
    fired.map((r) => ({
      type: 'inject.changed' as const,
      organisationId: c.exercise.lead_organisation_id,
      exerciseId: c.exercise.id,
      subjectType: 'inject',
      subjectId: r.id,
      payload: { status: 'fired' },
    })),
  );
  return ids;
}

/** Tells live screens an inject changed; players never receive it (it needs msel:read). */
export async function injectChanged(ctx: AppContext, trx: Q, c: Conduct, runId: string, status: string) {
  await appendEvent(ctx, trx, {
    type: 'inject.changed',
    organisationId: c.exercise.lead_organisation_id,
    exerciseId: c.exercise.id,
    subjectType: 'inject',
    subjectId: runId,
    payload: { status },
  });
}
