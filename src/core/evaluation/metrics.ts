/*
 * Exercise metrics as arithmetic over times the store read from the history: when each inject fired,
 * when each team's first delivery was handed over, first acknowledged, first acted on. Every time is
 * stamped once when it happens (docs/decisions/0029-measured-metrics.md), so a figure computed here
 * never depends on what a row says now. Pure: no I/O, no clock but the one handed in.
 */

import type { FieldProblem } from '../messages/codes.js';

/** The steps an inject goes through for a team, in order. */
export const INJECT_STEPS = ['delivered', 'acknowledged', 'first_action'] as const;
export type InjectStep = (typeof INJECT_STEPS)[number];

/** One inject for one team (null: players without a team) as the store found it. */
export interface InjectTeamTimes {
  injectId: string;
  teamId: string | null;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  firstActionAt: string | null;
}

/** Fired → each step, in milliseconds; null where the step has not happened (or the inject not fired). */
export interface StepDurations {
  toDeliveredMs: number | null;
  toAcknowledgedMs: number | null;
  toFirstActionMs: number | null;
}

export interface StepTimes {
  firedAt: string | null;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  firstActionAt: string | null;
}

/** Milliseconds from `from` to `to`; null when either is missing. Never negative: clocks of two writers may disagree by a hair. */
export function msBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Date.parse(to) - Date.parse(from));
}

export function durationsOf(t: StepTimes): StepDurations {
  return {
    toDeliveredMs: msBetween(t.firedAt, t.deliveredAt),
    toAcknowledgedMs: msBetween(t.firedAt, t.acknowledgedAt),
    toFirstActionMs: msBetween(t.firedAt, t.firstActionAt),
  };
}

/** The earlier of two ISO times (ISO UTC strings of one format compare as text). */
export function earliest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/** The inject as a whole: each step's earliest time over all its teams. */
export function foldTeams(rows: readonly InjectTeamTimes[]): Omit<StepTimes, 'firedAt'> {
  let deliveredAt: string | null = null;
  let acknowledgedAt: string | null = null;
  let firstActionAt: string | null = null;
  for (const r of rows) {
    deliveredAt = earliest(deliveredAt, r.deliveredAt);
    acknowledgedAt = earliest(acknowledgedAt, r.acknowledgedAt);
    firstActionAt = earliest(firstActionAt, r.firstActionAt);
  }
  return { deliveredAt, acknowledgedAt, firstActionAt };
}

export const timeOfStep = (t: Omit<StepTimes, 'firedAt'>, step: InjectStep): string | null =>
  step === 'delivered' ? t.deliveredAt : step === 'acknowledged' ? t.acknowledgedAt : t.firstActionAt;

/** Count, median and mean of a list of durations; nulls are steps not reached and are not averaged. */
export interface DurationSummary {
  count: number;
  medianMs: number | null;
  meanMs: number | null;
  maxMs: number | null;
}

export function summarise(values: readonly (number | null)[]): DurationSummary {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length === 0) return { count: 0, medianMs: null, meanMs: null, maxMs: null };
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return {
    count: xs.length,
    medianMs: median,
    meanMs: xs.reduce((s, v) => s + v, 0) / xs.length,
    maxMs: xs[xs.length - 1]!,
  };
}

// ---------------------------------------------------------------------------------------------
// Criteria of critical tasks

/**
 * A measurable criterion of a critical task: "team T (any team when null) reaches STEP on inject N",
 * and, with `withinMinutes`, "within M minutes of the inject firing". Kept as data on the task.
 */
export interface InjectStepCriterion {
  kind: 'inject_step';
  injectNumber: string;
  step: InjectStep;
  teamId: string | null;
  withinMinutes: number | null;
}
export type Criterion = InjectStepCriterion;

export interface CriterionProblem {
  field: string;
  /** In English, precise. */
  problem: string;
  /** The catalogue's problem that words it in the reader's language, with what it names. */
  key: FieldProblem;
  params?: Record<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a criterion as it came in (an API body or a stored column) and returns it cleaned, or the
 * first problem with the field it concerns (relative to the criterion).
 */
export function parseCriterion(raw: unknown): { criterion: Criterion } | { problem: CriterionProblem } {
  const bad = (field: string, problem: string, key: FieldProblem, params?: Record<string, string>) => ({
    problem: { field, problem, key, ...(params ? { params } : {}) },
  });
  if (!isObject(raw)) return bad('', 'must be an object', 'type', { type: 'object' });
  if (raw.kind !== 'inject_step')
    return bad('kind', 'must be inject_step', 'one_of', { allowed: 'inject_step' });
  const number = typeof raw.injectNumber === 'string' ? raw.injectNumber.trim() : '';
  if (!number || number.length > 20)
    return bad('injectNumber', 'must name an inject number (1–20 characters)', 'not_an_event_number');
  if (typeof raw.step !== 'string' || !(INJECT_STEPS as readonly string[]).includes(raw.step))
    return bad('step', `must be one of ${INJECT_STEPS.join(', ')}`, 'one_of', {
      allowed: INJECT_STEPS.join(', '),
    });
  const teamId = raw.teamId ?? null;
  if (teamId !== null && (typeof teamId !== 'string' || !teamId))
    return bad('teamId', 'must be a team id or null', 'not_a_team_of_exercise');
  const within = raw.withinMinutes ?? null;
  if (
    within !== null &&
    (typeof within !== 'number' || !Number.isFinite(within) || within <= 0 || within > 10_080)
  )
    return bad(
      'withinMinutes',
      'must be a number of minutes above 0 and at most 10080 (a week), or null',
      'between',
      { min: '0', max: '10080' },
    );
  return {
    criterion: {
      kind: 'inject_step',
      injectNumber: number,
      step: raw.step as InjectStep,
      teamId,
      withinMinutes: within,
    },
  };
}

/**
 * met: reached (in time, when there is a target). missed: reached late, or the target's time passed
 * (or play ended) without it. pending: may still be met. not_fired: the inject has not fired (or is
 * not in play). unmeasured: the task has no criterion; only an evaluator's observation can tell.
 */
export type TaskStatus = 'met' | 'missed' | 'pending' | 'not_fired' | 'unmeasured';

export interface CriterionResult {
  status: TaskStatus;
  /** When the step was first reached; null when it was not. */
  at: string | null;
  /** Fired → reached, ms. */
  afterMs: number | null;
  targetMs: number | null;
}

/** What a criterion is judged on: the inject's fire time and the per-team times of its steps. */
export interface CriterionInput {
  firedAt: string | null;
  teams: readonly InjectTeamTimes[];
}

/**
 * Judges a criterion as of `now`, from the first time the step was reached: a later change to any
 * row cannot turn a late answer into a met task. `ended`: play is over (ENDEX), so what has not
 * happened will not.
 */
export function judgeCriterion(
  c: Criterion,
  input: CriterionInput | undefined,
  now: string,
  ended: boolean,
): CriterionResult {
  const targetMs = c.withinMinutes === null ? null : Math.round(c.withinMinutes * 60_000);
  if (!input?.firedAt) return { status: 'not_fired', at: null, afterMs: null, targetMs };
  const rows = c.teamId === null ? input.teams : input.teams.filter((t) => t.teamId === c.teamId);
  const at = timeOfStep(foldTeams(rows), c.step);
  const afterMs = msBetween(input.firedAt, at);
  if (afterMs !== null) {
    return { status: targetMs === null || afterMs <= targetMs ? 'met' : 'missed', at, afterMs, targetMs };
  }
  const overdue = targetMs !== null && Date.parse(now) - Date.parse(input.firedAt) > targetMs;
  return { status: overdue || ended ? 'missed' : 'pending', at: null, afterMs: null, targetMs };
}

/** An objective's share of critical tasks met, over the tasks that have a criterion. */
export interface ObjectiveShare {
  tasks: number;
  measured: number;
  met: number;
  /** met / measured, 0…1; null when none is measured. */
  share: number | null;
}

export function objectiveShare(statuses: readonly TaskStatus[]): ObjectiveShare {
  const measured = statuses.filter((s) => s !== 'unmeasured').length;
  const met = statuses.filter((s) => s === 'met').length;
  return { tasks: statuses.length, measured, met, share: measured ? met / measured : null };
}
