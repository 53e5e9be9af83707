import {
  AAR_LANGUAGES,
  CAPABILITY_ELEMENTS,
  type CapabilityElement,
  type AarCapability,
  type AarContent,
  type AarFeedback,
  type AarFinding,
  type AarLanguage,
  type AarPlanRow,
  type AarResponseTime,
  type AarTimelineEvent,
  type Rating,
} from '../../core/aar/content.js';
import { capabilityName } from '../../core/exercise/capability-names.js';
import { EVERYTHING } from '../../core/policy/visibility.js';
import { currentRatings } from '../../store/evaluation.repository.js';
import { findingsForExercise } from '../../store/findings.repository.js';
import { itemsForExercise } from '../../store/improvement.repository.js';
import { textIn, type QuestionSummary } from '../../core/survey/survey.js';
import { exerciseMetrics } from '../evaluation/metrics.service.js';
import { surveySummary } from '../survey/survey.service.js';
import { aarStrings } from './i18n.js';
import { aarRepository } from '../../store/aar.repository.js';
import { conductRepository } from '../../store/conduct.repository.js';
import { observationRepository } from '../../store/observation.repository.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import { playRepository } from '../../store/play.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { listCoreCapabilities } from '../planning/capabilities.service.js';
import { stringsFor, term } from '../planning/documents/i18n/strings.js';
import { planAsSeenBy, type ExercisePlan } from '../planning/plan.service.js';

/*
 * What an after-action report is written from: the plan, the observations, the clock's history,
 * the injects' progress, and what the evaluation provides through four small functions below —
 * ratings, findings (strengths and areas for improvement), the improvement plan and the critical
 * tasks the metrics judge met.
 */

/** A rating given to a capability target or a core capability, with its reasoning. */
export interface GatheredRating {
  subjectType: 'capability-target' | 'core-capability';
  subjectId: string;
  rating: Rating;
  reasoning: string;
}

/** A strength or area for improvement of a core capability. */
export interface GatheredFinding extends AarFinding {
  coreCapabilityId: string;
  kind: 'strength' | 'area-for-improvement';
}

/** The current ratings of the exercise (decision 0028): the latest of each, as evaluators left it. */
export async function ratingsFor(ctx: AppContext, exerciseId: string): Promise<GatheredRating[]> {
  return (await currentRatings(ctx.db.kysely, exerciseId)).map((r) => ({
    subjectType: r.subjectKind === 'capability_target' ? 'capability-target' : 'core-capability',
    subjectId: r.subjectId,
    rating: r.rating,
    reasoning: r.reasoning,
  }));
}

/** The exercise's strengths and areas for improvement, numbered as the findings are (decision 0033). */
export async function findingsFor(ctx: AppContext, exerciseId: string): Promise<GatheredFinding[]> {
  const entry =
    (coreCapabilityId: string, kind: GatheredFinding['kind']) =>
    (f: { reference: string; text: string; analysis: string; observationIds: string[] }) => ({
      coreCapabilityId,
      kind,
      reference: f.reference,
      text: f.text,
      analysis: f.analysis,
      observationIds: f.observationIds,
    });
  return (await findingsForExercise(ctx.db.kysely, exerciseId)).flatMap((c) => [
    ...c.strengths.map(entry(c.capabilityId, 'strength')),
    ...c.improvements.map(entry(c.capabilityId, 'area-for-improvement')),
  ]);
}

/** The improvement items the exercise raised (decision 0031), as its plan's appendix prints them. */
export async function improvementItemsFor(
  ctx: AppContext,
  exerciseId: string,
  language: AarLanguage,
): Promise<AarPlanRow[]> {
  return (await itemsForExercise(ctx.db.kysely, exerciseId)).map((i) => ({
    id: i.id,
    capability: capabilityName(i.capabilityId, i.capabilityName, language),
    issue: i.issue,
    correctiveAction: i.correctiveAction,
    element: (CAPABILITY_ELEMENTS as readonly string[]).includes(i.element)
      ? (i.element as CapabilityElement)
      : '',
    responsibleOrganisation: i.organisationName,
    owner: i.owner,
    start: i.startOn,
    due: i.dueOn,
    status: i.status,
  }));
}

/**
 * Which critical tasks were met, as the metrics measure them from the history (decision 0029); a
 * task with no measurable criterion, or still pending, is left out and prints as not judged.
 */
export async function tasksMetFor(ctx: AppContext, exerciseId: string): Promise<Map<string, boolean>> {
  const metrics = await exerciseMetrics(ctx, exerciseId);
  return new Map(
    metrics.criticalTasks
      .filter((t) => t.status === 'met' || t.status === 'missed' || t.status === 'not_fired')
      .map((t) => [t.taskId, t.status === 'met']),
  );
}

/** The hot-wash survey's answers (decision 0032), each question's summed up in one line. */
export async function feedbackFor(
  ctx: AppContext,
  exerciseId: string,
  language: AarLanguage,
): Promise<AarFeedback> {
  const summary = await surveySummary(ctx, exerciseId);
  const s = aarStrings(language).feedback;
  const line = (q: QuestionSummary): string =>
    q.kind === 'rating'
      ? s.average(q.average === null ? '—' : q.average.toFixed(1), q.answered)
      : q.kind === 'yes-no'
        ? s.yesNo(q.yes, q.no)
        : q.answers.join(' · ');
  return {
    invited: summary.invited,
    responses: summary.responses,
    lines: summary.roles.flatMap((r) =>
      r.questions
        .filter((q) => q.answered > 0)
        .map((q) => ({ role: s.roles[r.role], question: textIn(q.text, language), summary: line(q) })),
    ),
  };
}

export const languageOf = (row: ExerciseRow): AarLanguage =>
  (AAR_LANGUAGES as readonly string[]).includes(row.language) ? (row.language as AarLanguage) : 'ru';

const seconds = (from: string, to: string | null | undefined) =>
  to ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) : null;
const mean = (xs: readonly (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/** Clock commands, fired injects and observations, in time order, from STARTEX. */
async function timelineOf(ctx: AppContext, exerciseId: string, plannedStart: string) {
  const db = ctx.db.kysely;
  const [clock, runs, observations] = await Promise.all([
    conductRepository.events(db, exerciseId),
    conductRepository.runs(db, exerciseId),
    observationRepository.ofExercise(db, exerciseId),
  ]);
  const start = clock.find((c) => c.command === 'startex')?.at ?? plannedStart;
  const at = (t: string) => (Date.parse(t) >= Date.parse(start) ? seconds(start, t) : null);
  const events: AarTimelineEvent[] = [
    ...clock.map((c) => ({ at: c.at, seconds: at(c.at), kind: 'clock' as const, label: c.command })),
    ...runs
      .filter((r) => r.fired_at)
      .map((r) => ({
        at: r.fired_at!,
        seconds: at(r.fired_at!),
        kind: 'inject' as const,
        label: `${r.number} ${r.title}`,
      })),
    ...observations.map((o) => ({
      at: o.observed_at,
      seconds: at(o.observed_at),
      kind: 'observation' as const,
      label: o.text.slice(0, 80),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return { events, runs, observations };
}

/** Fired → first acknowledgement and → first report, per inject and per team, in seconds. */
async function responseTimesOf(
  ctx: AppContext,
  exerciseId: string,
  runs: Awaited<ReturnType<typeof conductRepository.runs>>,
  plan: ExercisePlan,
): Promise<AarContent['responseTimes']> {
  const db = ctx.db.kysely;
  const [acks, reports, byTeam, reportsByTeam] = await Promise.all([
    playRepository.acknowledgementProgress(db, exerciseId),
    playRepository.reportProgress(db, exerciseId),
    aarRepository.acknowledgementsByTeam(db, exerciseId),
    aarRepository.reportsByTeam(db, exerciseId),
  ]);
  const fired = runs.filter((r) => r.fired_at);
  const ack = new Map(acks.map((a) => [a.source_id, a]));
  // An inject goes by its number and title, as the MSEL names it; a chart cuts what does not fit.
  const perInject: AarResponseTime[] = fired.map((r) => ({
    label: `${r.number}. ${r.title}`,
    acknowledgeSeconds: seconds(r.fired_at!, ack.get(r.id)?.first_acknowledged_at),
    actionSeconds: seconds(r.fired_at!, reports.get(r.id)?.first.created_at),
    count: Number(ack.get(r.id)?.acknowledged ?? 0),
  }));
  const perTeam: AarResponseTime[] = plan.teams.map((t) => {
    const runsOfTeam = new Map<string, { fired: string; firstAck: string | null }>();
    for (const row of byTeam.filter((b) => b.team_id === t.id && b.fired_at)) {
      const cur = runsOfTeam.get(row.run_id) ?? { fired: row.fired_at!, firstAck: null };
      if (row.acknowledged_at && (!cur.firstAck || row.acknowledged_at < cur.firstAck))
        cur.firstAck = row.acknowledged_at;
      runsOfTeam.set(row.run_id, cur);
    }
    const firedAt = new Map(fired.map((r) => [r.id, r.fired_at!]));
    return {
      label: t.name,
      acknowledgeSeconds: mean([...runsOfTeam.values()].map((v) => seconds(v.fired, v.firstAck))),
      actionSeconds: mean(
        reportsByTeam
          .filter((p) => p.team_id === t.id && firedAt.has(p.inject_run_id))
          .map((p) => seconds(firedAt.get(p.inject_run_id)!, p.first_at)),
      ),
      count: runsOfTeam.size,
    };
  });
  return { perTeam, perInject };
}

/**
 * The report's content from what the system holds now, in the exercise's language. `progress`
 * hears of each of its steps. The caller has checked that the actor may write the report.
 */
export async function gatherContent(
  ctx: AppContext,
  row: ExerciseRow,
  progress: (step: string) => void = () => undefined,
): Promise<AarContent> {
  const db = ctx.db.kysely;
  const language = languageOf(row);
  const ds = stringsFor(language);
  // The report is written after the fact for the exercise's own people: the plan as the system sees it.
  const plan = await planAsSeenBy(ctx, row, EVERYTHING);
  progress('plan');
  const capabilityNames = new Map(
    (await listCoreCapabilities(ctx)).map((c) => [c.id, capabilityName(c.id, c.name, language)]),
  );
  const orgNames = new Map<string, string>();
  const orgIds = [row.lead_organisation_id, ...plan.organisations.map((o) => o.organisationId)];
  for (const id of orgIds.filter((x): x is string => !!x))
    orgNames.set(id, (await organisationRepository.get(db, id))?.name ?? id);
  const [ratings, findings, items, met, answers] = await Promise.all([
    ratingsFor(ctx, row.id),
    findingsFor(ctx, row.id),
    improvementItemsFor(ctx, row.id, language),
    tasksMetFor(ctx, row.id),
    feedbackFor(ctx, row.id, language),
  ]);
  progress('evaluation');
  const { events, runs, observations } = await timelineOf(ctx, row.id, row.startex);
  progress('timeline');
  const responseTimes = await responseTimesOf(ctx, row.id, runs, plan);
  progress('response-times');
  const eventCount = await aarRepository.eventCount(db, row.id);

  const ratingOf = (type: GatheredRating['subjectType'], id: string) =>
    ratings.find((r) => r.subjectType === type && r.subjectId === id);
  const objectives = plan.objectives.map((o) => ({
    id: o.id,
    text: o.text,
    rating: null,
    targets: o.capabilityTargets.map((t) => ({
      id: t.id,
      capability: capabilityNames.get(t.coreCapabilityId) ?? t.coreCapabilityId,
      text: t.text,
      rating: ratingOf('capability-target', t.id)?.rating ?? null,
      reasoning: ratingOf('capability-target', t.id)?.reasoning ?? '',
      criticalTasks: t.criticalTasks.map((k) => ({ id: k.id, text: k.text, met: met.get(k.id) ?? null })),
    })),
  }));
  const capabilityIds = [
    ...new Set(plan.objectives.flatMap((o) => o.capabilityTargets.map((t) => t.coreCapabilityId))),
  ];
  const capabilities: AarCapability[] = capabilityIds.map((id) => {
    const targets = plan.objectives.flatMap((o) =>
      o.capabilityTargets
        .filter((t) => t.coreCapabilityId === id)
        .map((t) => ({ objective: o.id, target: t })),
    );
    const objectiveIds = new Set(targets.map((t) => t.objective));
    const taskIds = new Set(targets.flatMap((t) => t.target.criticalTasks.map((k) => k.id)));
    const mine = (kind: GatheredFinding['kind']) =>
      findings
        .filter((f) => f.coreCapabilityId === id && f.kind === kind)
        .map(({ reference, text, analysis, observationIds }) => ({
          reference,
          text,
          analysis,
          observationIds,
        }));
    return {
      id,
      name: capabilityNames.get(id) ?? id,
      rating: ratingOf('core-capability', id)?.rating ?? null,
      strengths: mine('strength'),
      areasForImprovement: mine('area-for-improvement'),
      observations: observations
        .filter(
          (o) =>
            (JSON.parse(o.critical_task_ids) as string[]).some((k) => taskIds.has(k)) ||
            (JSON.parse(o.objective_ids) as string[]).some((k) => objectiveIds.has(k)),
        )
        .map((o) => ({ id: o.id, time: o.exercise_time, author: o.author_name, text: o.text }))
        .reverse(),
    };
  });
  const x = plan.exercise;
  return {
    language,
    generatedAt: ctx.clock.now().toISOString(),
    overview: {
      name: x.name,
      type: term(ds, x.type),
      city: x.city,
      timeZone: x.timeZone,
      startex: x.startexLocal,
      endex: x.endexLocal,
      threat: x.threat,
      sponsor: x.sponsor,
      leadOrganisation: x.leadOrganisationId ? (orgNames.get(x.leadOrganisationId) ?? null) : null,
      pointOfContact: x.pointOfContact,
      scope: x.scope,
      scenario: x.scenario,
      summary: '',
    },
    objectives,
    capabilities,
    improvementPlan: items,
    feedback: answers,
    participants: plan.organisations.map((o) => ({
      organisation: orgNames.get(o.organisationId) ?? o.organisationId,
      extentOfPlay: term(ds, o.extentOfPlay),
      teams: plan.teams.filter((t) => t.organisationId === o.organisationId).map((t) => t.name),
      people: plan.people.filter((p) => p.organisationId === o.organisationId).length,
    })),
    timeline: events,
    responseTimes,
    basis: {
      observations: observations.length,
      injectsFired: runs.filter((r) => r.fired_at).length,
      events: eventCount,
    },
  };
}
