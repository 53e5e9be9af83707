import { applyClock, clockFrom, parseScenarioStart } from '../../core/conduct/clock.js';
import { planInjects, PAUSE_POLICY_KINDS, type PausePolicy } from '../../core/conduct/pause-policy.js';
import type { Actor } from '../../core/policy/policy.js';
import { AppError, badField } from '../../errors.js';
import { conductRepository } from '../../store/conduct.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { getClock, readable, type ClockView } from './clock.service.js';
import { historyOf, policyOf, takeConduct } from './conduct.js';

export interface ClockSettingsInput {
  pausePolicy?: PausePolicy['kind'] | undefined;
  releaseIntervalSeconds?: number | undefined;
  /** The scenario's own start, "2026-10-25T06:00". */
  scenarioStart?: string | undefined;
}

/** Sets the pause policy and the scenario's start; audited. Both may change until ENDEX. */
export async function setClockSettings(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  input: ClockSettingsInput,
): Promise<ClockView> {
  if (input.pausePolicy !== undefined && !PAUSE_POLICY_KINDS.includes(input.pausePolicy))
    throw badField('pausePolicy', 'one_of', { allowed: PAUSE_POLICY_KINDS.join(', ') });
  const interval = input.releaseIntervalSeconds;
  if (interval !== undefined && (!Number.isInteger(interval) || interval < 1 || interval > 3600))
    throw badField('releaseIntervalSeconds', 'whole_seconds_between', { min: 1, max: 3600 });
  if (input.scenarioStart !== undefined && parseScenarioStart(input.scenarioStart) === null)
    throw badField('scenarioStart', 'local_date_time');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await takeConduct(ctx, trx, exerciseId, policy);
    if (c.state.phase === 'ended')
      throw new AppError('clock_ended', 409, 'the exercise has ended', 'pausePolicy');
    if (input.scenarioStart !== undefined && c.state.phase !== 'before')
      throw new AppError('clock_started', 409, 'the scenario’s start is set before STARTEX', 'scenarioStart');
    await conductRepository.updateClock(trx, exerciseId, {
      ...(input.pausePolicy !== undefined ? { pause_policy: input.pausePolicy } : {}),
      ...(interval !== undefined ? { release_interval_seconds: interval } : {}),
      ...(input.scenarioStart !== undefined
        ? { scenario_start: new Date(parseScenarioStart(input.scenarioStart)!).toISOString().slice(0, 19) }
        : {}),
    });
    await appendAudit(ctx, trx, actor, {
      action: 'clock.settings',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { ...input },
    });
  });
  return getClock(ctx, policy, exerciseId);
}

export interface ResumePreview {
  pausePolicy: PausePolicy;
  /** The injects that are due by now, and what resuming now does with each. */
  backlog: {
    id: string;
    number: string;
    title: string;
    dueSeconds: number;
    releasedAt: string | null;
    held: boolean;
  }[];
  upcoming: number;
}

/**
 * What resuming now (or lifting NO PLAY) would do under the exercise's pause policy: shown before
 * the controller resumes.
 */
export async function previewResume(
  ctx: AppContext,
  policy: Actor,
  exerciseId: string,
): Promise<ResumePreview> {
  await readable(ctx, policy, exerciseId);
  const db = ctx.db.kysely;
  const state = clockFrom(historyOf(await conductRepository.events(db, exerciseId)));
  const clock = await conductRepository.clock(db, exerciseId);
  const pausePolicy = clock
    ? policyOf(clock)
    : policyOf({ pause_policy: 'release', release_interval_seconds: 60 });
  // Under NO PLAY, what resuming play does (to a paused clock: nothing until its own resume).
  if (state.phase !== 'paused' && !state.halted)
    throw new AppError('clock_not_paused', 409, 'only a paused clock resumes', 'command');
  const now = Math.max(ctx.clock.now().getTime(), state.lastAt);
  const resumed = applyClock(state, {
    at: now,
    command: { kind: state.halted ? 'resume-play' : 'resume' },
  });
  if ('refused' in resumed) throw new AppError(resumed.refused.code, 409, resumed.refused.reason);
  const runs = (await conductRepository.runs(db, exerciseId)).filter((r) => r.status === 'scheduled');
  const plan = planInjects(
    resumed.state,
    runs.map((r) => ({ id: r.id, dueMs: r.due_seconds * 1000, position: r.position })),
    pausePolicy,
    now,
  );
  const released = new Map(plan.wakes.filter((w) => w.released).map((w) => [w.id, w.at]));
  const held = new Set(plan.held);
  return {
    pausePolicy,
    backlog: runs
      .filter((r) => released.has(r.id) || held.has(r.id))
      .sort((a, b) => (released.get(a.id) ?? 0) - (released.get(b.id) ?? 0) || a.due_seconds - b.due_seconds)
      .map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        dueSeconds: r.due_seconds,
        releasedAt: released.has(r.id) ? new Date(released.get(r.id)!).toISOString() : null,
        held: held.has(r.id),
      })),
    upcoming: plan.wakes.filter((w) => !w.released).length,
  };
}
