import { RATING_DEFINITIONS } from '../../core/evaluation/rating.js';
import { can, type Actor, type Grant } from '../../core/policy/policy.js';
import { badField, forbidden, notFound } from '../../errors.js';
import { randomUUID } from 'node:crypto';
import {
  currentRatings,
  evaluationRepository,
  type CurrentRating,
} from '../../store/evaluation.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { mayPlan, readableExercise } from '../planning/exercises.service.js';
import { progressOf, type InjectProgress } from '../play/play.service.js';
import { listObservations, type Observation } from '../observations/observations.service.js';
import { evaluated } from './access.js';
import { ratingHistory } from './ratings.service.js';

export interface Assignment {
  id: string;
  userId: string;
  userName: string;
  venueId: string | null;
  teamId: string | null;
}

export interface GuideTask {
  id: string;
  text: string;
  /** Observations that name this task. */
  observationIds: string[];
}

/** One section of the guide: a capability target with its critical tasks, observations, injects and rating. */
export interface GuideSection {
  objective: { id: string; text: string };
  target: { id: string; text: string };
  coreCapability: { id: string; name: string };
  /** The reader's own section (by their venue or team assignment); these come first. */
  assigned: boolean;
  evaluators: string[];
  criticalTasks: GuideTask[];
  /** Observations that name the objective and no critical task. */
  objectiveObservationIds: string[];
  /** Inject runs whose MSEL event aims at this objective or one of its tasks. */
  injectIds: string[];
}

export interface GuideInject {
  id: string;
  number: string;
  title: string;
  teamIds: string[];
  progress: InjectProgress | null;
}

export interface GuideReport {
  id: string;
  injectId: string;
  author: string;
  text: string;
  teamId: string | null;
  createdAt: string;
}

export interface EvaluationGuide {
  exerciseId: string;
  name: string;
  status: string;
  mayRate: boolean;
  mayAssign: boolean;
  definitions: typeof RATING_DEFINITIONS;
  sections: GuideSection[];
  coreCapabilities: { id: string; name: string }[];
  observations: Observation[];
  injects: GuideInject[];
  reports: GuideReport[];
  assignments: Assignment[];
  ratings: CurrentRating[];
  history: CurrentRating[];
}

const parseIds = (json: string): string[] => JSON.parse(json) as string[];

/** The chain objectives → capability targets (with core capability) → critical tasks of an exercise. */
export async function chainOf(db: Q, exerciseId: string) {
  const objectives = await planRepository.objectives(db, exerciseId);
  const targets = await planRepository.capabilityTargets(
    db,
    objectives.map((o) => o.id),
  );
  const tasks = await planRepository.criticalTasks(
    db,
    targets.map((t) => t.id),
  );
  const capabilities = new Map((await planRepository.coreCapabilities(db)).map((c) => [c.id, c]));
  return { objectives, targets, tasks, capabilities };
}

/**
 * The exercise evaluation guide: one section per capability target with its critical tasks and the
 * observations that concern them, the injects aimed at it with their timings, the players' reports,
 * and the current ratings with their history. The reader's assigned sections come first; the rest
 * stay readable below them.
 */
export async function evaluationGuide(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<EvaluationGuide> {
  const db = ctx.db.kysely;
  const { row, scope } = await evaluated(db, actor, exerciseId, 'ratings:read');
  const [chain, events, runs, progress, reports, assignments, ratings, history, observations] =
    await Promise.all([
      chainOf(db, exerciseId),
      db
        .selectFrom('msel_events')
        .select(['id', 'objective_ids', 'critical_task_ids', 'to_team_ids'])
        .where('exercise_id', '=', exerciseId)
        .execute(),
      db
        .selectFrom('inject_runs')
        .select(['id', 'event_id', 'number', 'title', 'to_team_ids', 'position'])
        .where('exercise_id', '=', exerciseId)
        .where('fired_at', 'is not', null)
        .orderBy('position')
        .execute(),
      progressOf(db, exerciseId),
      db
        .selectFrom('player_reports')
        .select(['id', 'inject_run_id', 'author_name', 'text', 'team_id', 'created_at'])
        .where('exercise_id', '=', exerciseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      evaluationRepository.assignments(db, exerciseId),
      currentRatings(db, exerciseId),
      ratingHistory(db, exerciseId),
      // Read under their own rule (observations:read), which the same roles hold as ratings:read.
      listObservations(ctx, actor, exerciseId),
    ]);
  const eventById = new Map(events.map((e) => [e.id, e]));
  const mine = assignments.filter((a) => a.user_id === actor.userId);

  const sections = chain.targets.map((t): GuideSection => {
    const objective = chain.objectives.find((o) => o.id === t.objective_id)!;
    const tasks = chain.tasks.filter((k) => k.capability_target_id === t.id);
    const taskIds = new Set(tasks.map((k) => k.id));
    const aims = (objectiveIds: string[], criticalTaskIds: string[]) =>
      criticalTaskIds.some((id) => taskIds.has(id)) ||
      (objectiveIds.includes(objective.id) && criticalTaskIds.length === 0);
    const injectIds = runs
      .filter((r) => {
        const e = r.event_id ? eventById.get(r.event_id) : undefined;
        return e ? aims(parseIds(e.objective_ids), parseIds(e.critical_task_ids)) : false;
      })
      .map((r) => r.id);
    const concerned = observations.filter((o) => aims(o.objectiveIds, o.criticalTaskIds));
    const teams = new Set([
      ...concerned.flatMap((o) => (o.teamId ? [o.teamId] : [])),
      ...runs.filter((r) => injectIds.includes(r.id)).flatMap((r) => parseIds(r.to_team_ids)),
    ]);
    const venues = new Set(concerned.flatMap((o) => (o.venueId ? [o.venueId] : [])));
    const covers = (a: { venue_id: string | null; team_id: string | null }) =>
      (a.venue_id === null && a.team_id === null) ||
      (a.venue_id !== null && venues.has(a.venue_id)) ||
      (a.team_id !== null && teams.has(a.team_id));
    const capability = chain.capabilities.get(t.core_capability_id);
    return {
      objective: { id: objective.id, text: objective.text },
      target: { id: t.id, text: t.text },
      coreCapability: { id: t.core_capability_id, name: capability?.name ?? '' },
      assigned: mine.some(covers),
      evaluators: [...new Set(assignments.filter(covers).map((a) => a.user_name))],
      criticalTasks: tasks.map((k) => ({
        id: k.id,
        text: k.text,
        observationIds: observations.filter((o) => o.criticalTaskIds.includes(k.id)).map((o) => o.id),
      })),
      // Observations of the objective as a whole, naming no task: they concern every target under it.
      objectiveObservationIds: observations
        .filter((o) => o.objectiveIds.includes(objective.id) && o.criticalTaskIds.length === 0)
        .map((o) => o.id),
      injectIds,
    };
  });
  // Stable: the assigned sections first, each group in the plan's order.
  const ordered = [...sections.filter((s) => s.assigned), ...sections.filter((s) => !s.assigned)];
  const capabilityIds = [...new Set(chain.targets.map((t) => t.core_capability_id))];
  const progressById = new Map(progress.map((p) => [p.injectId, p]));

  return {
    exerciseId,
    name: row.name,
    status: row.status,
    mayRate: can(actor, 'ratings:record', scope),
    mayAssign: mayPlan(actor, row),
    definitions: RATING_DEFINITIONS,
    sections: ordered,
    coreCapabilities: capabilityIds.map((id) => ({ id, name: chain.capabilities.get(id)?.name ?? '' })),
    observations,
    injects: runs.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      teamIds: parseIds(r.to_team_ids),
      progress: progressById.get(r.id) ?? null,
    })),
    reports: reports.map((r) => ({
      id: r.id,
      injectId: r.inject_run_id,
      author: r.author_name,
      text: r.text,
      teamId: r.team_id,
      createdAt: r.created_at,
    })),
    assignments: assignments.map(toAssignment),
    ratings,
    history,
  };
}

const toAssignment = (a: {
  id: string;
  user_id: string;
  user_name: string;
  venue_id: string | null;
  team_id: string | null;
}): Assignment => ({
  id: a.id,
  userId: a.user_id,
  userName: a.user_name,
  venueId: a.venue_id,
  teamId: a.team_id,
});

/** Whether an evaluator grant reaches this exercise (its organisations and itself). */
const grantReaches = (
  g: Omit<Grant, 'role'>,
  scope: { exerciseId: string; organisationIds: readonly string[] },
) => can({ userId: '', grants: [{ role: 'evaluator', ...g }] }, 'ratings:record', scope);

/** Assigning evaluators is planning: the exercise's directors and planners do it. */
async function planned(db: Q, actor: Actor, exerciseId: string) {
  const { row, scope } = await readableExercise(db, actor, exerciseId);
  if (!mayPlan(actor, row)) throw forbidden('Only the exercise’s directors and planners assign evaluators');
  return { row, scope };
}

/** The users who may be assigned: those holding the evaluator role on this exercise. */
export async function assignableEvaluators(ctx: AppContext, actor: Actor, exerciseId: string) {
  const db = ctx.db.kysely;
  const { scope } = await planned(db, actor, exerciseId);
  const grants = await evaluationRepository.evaluatorGrants(db);
  const seen = new Map<string, string>();
  for (const g of grants)
    if (grantReaches({ organisationId: g.organisation_id, exerciseId: g.exercise_id }, scope))
      seen.set(g.user_id, g.display_name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

export interface AssignmentInput {
  userId: string;
  venueId?: string | null | undefined;
  teamId?: string | null | undefined;
}

/** Places an evaluator at a venue and/or with a team (neither: the whole exercise); audited. */
export async function assignEvaluator(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  input: AssignmentInput,
): Promise<Assignment> {
  const db = ctx.db.kysely;
  const { scope } = await planned(db, actor, exerciseId);
  const grants = (await evaluationRepository.evaluatorGrants(db)).filter(
    (g) =>
      g.user_id === input.userId &&
      grantReaches({ organisationId: g.organisation_id, exerciseId: g.exercise_id }, scope),
  );
  if (grants.length === 0) throw badField('userId', 'not_an_evaluator');
  const [venues, teams] = await Promise.all([
    planRepository.venues(db, exerciseId),
    planRepository.teams(db, exerciseId),
  ]);
  if (input.venueId && !venues.some((v) => v.id === input.venueId))
    throw badField('venueId', 'not_a_venue_of_exercise');
  if (input.teamId && !teams.some((t) => t.id === input.teamId))
    throw badField('teamId', 'not_a_team_of_exercise');
  const existing = await evaluationRepository.assignments(db, exerciseId);
  const same = existing.find(
    (a) =>
      a.user_id === input.userId &&
      a.venue_id === (input.venueId ?? null) &&
      a.team_id === (input.teamId ?? null),
  );
  if (same) return toAssignment(same);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await evaluationRepository.insertAssignment(trx, {
      id,
      exercise_id: exerciseId,
      user_id: input.userId,
      venue_id: input.venueId ?? null,
      team_id: input.teamId ?? null,
      assigned_by_id: who.userId,
      assigned_by_name: who.name,
      created_at: ctx.clock.now().toISOString(),
    });
    await appendAudit(ctx, trx, who, {
      action: 'evaluator.assigned',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { userId: input.userId, venueId: input.venueId ?? null, teamId: input.teamId ?? null },
    });
  });
  return toAssignment({
    id,
    user_id: input.userId,
    user_name: grants[0]!.display_name,
    venue_id: input.venueId ?? null,
    team_id: input.teamId ?? null,
  });
}

export async function unassignEvaluator(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  assignmentId: string,
): Promise<void> {
  const db = ctx.db.kysely;
  await planned(db, actor, exerciseId);
  await db.transaction().execute(async (trx) => {
    if (!(await evaluationRepository.deleteAssignment(trx, exerciseId, assignmentId)))
      throw notFound('The assignment');
    await appendAudit(ctx, trx, who, {
      action: 'evaluator.unassigned',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { assignmentId },
    });
  });
}
