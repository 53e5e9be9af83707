import { alertDeliveryReport } from '../../core/alert/report.js';
import {
  durationsOf,
  foldTeams,
  judgeCriterion,
  objectiveShare,
  parseCriterion,
  summarise,
  type Criterion,
  type CriterionResult,
  type DurationSummary,
  type InjectTeamTimes,
  type ObjectiveShare,
  type StepDurations,
  type StepTimes,
} from '../../core/evaluation/metrics.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { forbidden, notFound } from '../../errors.js';
import { alertRepository } from '../../store/alert.repository.js';
import { metricsRepository, type FiredRun, type StepRow } from '../../store/metrics.repository.js';
import type { AppContext, Q } from '../context.js';
import { getExerciseRow, readScopeOf } from '../planning/exercises.service.js';

/** One step chain (fired → delivered → acknowledged → first action) with its durations. */
export type StepMetrics = StepTimes & StepDurations;

export interface TeamInjectMetrics extends StepMetrics {
  /** null: players without a team. */
  teamId: string | null;
  teamName: string | null;
}

export interface InjectMetrics extends StepMetrics {
  injectId: string;
  number: string;
  title: string;
  /** The inject as a whole is each step's first time over all teams; then each team's own. */
  teams: TeamInjectMetrics[];
}

/** One team over all the injects it was sent: how long each step took, median, mean and longest. */
export interface TeamMetrics {
  teamId: string | null;
  teamName: string | null;
  injects: number;
  toDelivered: DurationSummary;
  toAcknowledged: DurationSummary;
  toFirstAction: DurationSummary;
}

export interface CriticalTaskMetrics extends CriterionResult {
  taskId: string;
  text: string;
  objectiveId: string;
  criterion: Criterion | null;
}

export interface ObjectiveMetrics extends ObjectiveShare {
  objectiveId: string;
  text: string;
  position: number;
}

export interface AlertChannelMetrics {
  channel: string;
  sent: number;
  failed: number;
  /** Approval → the first and the last delivery handed to the channel, ms. */
  firstAfterMs: number | null;
  lastAfterMs: number | null;
}

export interface AlertMetrics {
  alertId: string;
  threadId: string;
  sequence: number;
  msgType: string;
  hazard: string;
  approvedAt: string | null;
  channels: AlertChannelMetrics[];
}

/** Every figure measured from one exercise's history; what the metrics panel and the AAR show. */
export interface ExerciseMetrics {
  exerciseId: string;
  /** The time the figures were read at: a pending task is judged as of then. */
  computedAt: string;
  /** Play is over (ENDEX): a step that did not happen will not. */
  ended: boolean;
  injects: InjectMetrics[];
  teams: TeamMetrics[];
  criticalTasks: CriticalTaskMetrics[];
  objectives: ObjectiveMetrics[];
  alerts: AlertMetrics[];
}

const stepsOf = (firedAt: string | null, t: Omit<StepTimes, 'firedAt'>): StepMetrics => {
  const times = { firedAt, ...t };
  return { ...times, ...durationsOf(times) };
};

/** The three step aggregates folded into one row per inject and team. */
export function teamTimes(
  delivered: readonly StepRow[],
  acknowledged: readonly StepRow[],
  firstAction: readonly StepRow[],
): Map<string, InjectTeamTimes[]> {
  const rows = new Map<string, InjectTeamTimes>();
  const at = (r: StepRow) => {
    const key = `${r.injectId}\u0000${r.teamId ?? ''}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        injectId: r.injectId,
        teamId: r.teamId,
        deliveredAt: null,
        acknowledgedAt: null,
        firstActionAt: null,
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const r of delivered) at(r).deliveredAt = r.at;
  for (const r of acknowledged) at(r).acknowledgedAt = r.at;
  for (const r of firstAction) at(r).firstActionAt = r.at;
  const byInject = new Map<string, InjectTeamTimes[]>();
  for (const row of rows.values()) {
    const list = byInject.get(row.injectId) ?? [];
    list.push(row);
    byInject.set(row.injectId, list);
  }
  return byInject;
}

function injectMetrics(
  runs: readonly FiredRun[],
  byInject: Map<string, InjectTeamTimes[]>,
  teamNames: Map<string, string>,
): InjectMetrics[] {
  return runs.map((run) => {
    const rows = byInject.get(run.id) ?? [];
    const addressed = JSON.parse(run.to_team_ids) as string[];
    // The teams it was sent to (every team when it named none), and any other team that acted on it.
    const teamIds = new Set<string | null>(addressed.length ? addressed : teamNames.keys());
    for (const r of rows) teamIds.add(r.teamId);
    const teams = [...teamIds].map((teamId) => {
      const own = rows.filter((r) => r.teamId === teamId);
      return {
        teamId,
        teamName: teamId === null ? null : (teamNames.get(teamId) ?? null),
        ...stepsOf(run.fired_at, foldTeams(own)),
      };
    });
    teams.sort((a, b) => (a.teamName ?? '\uffff').localeCompare(b.teamName ?? '\uffff'));
    return {
      injectId: run.id,
      number: run.number,
      title: run.title,
      ...stepsOf(run.fired_at, foldTeams(rows)),
      teams,
    };
  });
}

function teamMetrics(injects: readonly InjectMetrics[]): TeamMetrics[] {
  const by = new Map<string | null, TeamInjectMetrics[]>();
  for (const i of injects) for (const t of i.teams) by.set(t.teamId, [...(by.get(t.teamId) ?? []), t]);
  return [...by.entries()]
    .map(([teamId, rows]) => ({
      teamId,
      teamName: rows[0]!.teamName,
      injects: rows.length,
      toDelivered: summarise(rows.map((r) => r.toDeliveredMs)),
      toAcknowledged: summarise(rows.map((r) => r.toAcknowledgedMs)),
      toFirstAction: summarise(rows.map((r) => r.toFirstActionMs)),
    }))
    .sort((a, b) => (a.teamName ?? '\uffff').localeCompare(b.teamName ?? '\uffff'));
}

async function alertMetrics(db: Q, exerciseId: string): Promise<AlertMetrics[]> {
  const messages = (await metricsRepository.alerts(db, exerciseId)).filter((m) => m.state === 'sent');
  const threads = [...new Set(messages.map((m) => m.thread_id))];
  const out: AlertMetrics[] = [];
  for (const threadId of threads) {
    const own = messages.filter((m) => m.thread_id === threadId);
    const groups = await alertRepository.deliveryGroups(db, threadId);
    const reports = alertDeliveryReport(
      own.map((m) => ({ sequence: m.sequence, approvedAt: m.approved_at })),
      groups,
      [],
    );
    for (const m of own) {
      const report = reports.find((r) => r.sequence === m.sequence);
      out.push({
        alertId: m.id,
        threadId,
        sequence: m.sequence,
        msgType: m.msg_type,
        hazard: m.hazard,
        approvedAt: m.approved_at,
        channels: (report?.channels ?? []).map((c) => ({
          channel: c.channel,
          sent: c.sent,
          failed: c.failed,
          firstAfterMs: c.firstAfterMs,
          lastAfterMs: c.lastAfterMs,
        })),
      });
    }
  }
  return out;
}

/**
 * Reads and computes an exercise's metrics with no access check: for callers that checked already
 * (the metrics route through `exerciseMetricsFor`, the after-action report).
 */
export async function exerciseMetrics(ctx: AppContext, exerciseId: string): Promise<ExerciseMetrics> {
  const db = ctx.db.kysely;
  await getExerciseRow(db, exerciseId);
  const computedAt = ctx.clock.now().toISOString();
  const [runs, delivered, acknowledged, firstAction, ended, tasks, objectives, teams, alerts] =
    await Promise.all([
      metricsRepository.firedRuns(db, exerciseId),
      metricsRepository.delivered(db, exerciseId),
      metricsRepository.acknowledged(db, exerciseId),
      metricsRepository.firstAction(db, exerciseId),
      metricsRepository.ended(db, exerciseId),
      metricsRepository.criticalTasks(db, exerciseId),
      metricsRepository.objectives(db, exerciseId),
      metricsRepository.teams(db, exerciseId),
      alertMetrics(db, exerciseId),
    ]);
  const byInject = teamTimes(delivered, acknowledged, firstAction);
  const injects = injectMetrics(runs, byInject, new Map(teams.map((t) => [t.id, t.name])));
  // A criterion names an inject by number; the first run of that number is the one judged.
  const runByNumber = new Map<string, FiredRun>();
  for (const r of runs) if (!runByNumber.has(r.number)) runByNumber.set(r.number, r);
  const criticalTasks: CriticalTaskMetrics[] = tasks.map((k) => {
    const parsed = k.criterion ? parseCriterion(JSON.parse(k.criterion)) : null;
    const criterion = parsed && 'criterion' in parsed ? parsed.criterion : null;
    const base = { taskId: k.id, text: k.text, objectiveId: k.objectiveId, criterion };
    if (!criterion) return { ...base, status: 'unmeasured', at: null, afterMs: null, targetMs: null };
    const run = runByNumber.get(criterion.injectNumber);
    const input = run ? { firedAt: run.fired_at, teams: byInject.get(run.id) ?? [] } : undefined;
    return { ...base, ...judgeCriterion(criterion, input, computedAt, ended) };
  });
  return {
    exerciseId,
    computedAt,
    ended,
    injects,
    teams: teamMetrics(injects),
    criticalTasks,
    objectives: objectives.map((o) => ({
      objectiveId: o.id,
      text: o.text,
      position: o.position,
      ...objectiveShare(criticalTasks.filter((k) => k.objectiveId === o.id).map((k) => k.status)),
    })),
    alerts,
  };
}

/** An exercise's metrics for its evaluators and directors (like its observations, decision 0020). */
export async function exerciseMetricsFor(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<ExerciseMetrics> {
  const db = ctx.db.kysely;
  const row = await getExerciseRow(db, exerciseId);
  const scope = await readScopeOf(db, row);
  if (!can(actor, 'exercises:read', scope)) throw notFound('Exercise');
  if (!can(actor, 'observations:read', scope))
    throw forbidden(
      'Until the report is final, only the exercise’s evaluators and directors see its metrics',
    );
  return exerciseMetrics(ctx, exerciseId);
}
