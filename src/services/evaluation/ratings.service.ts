import { aarRepository } from '../../store/aar.repository.js';
import { randomUUID } from 'node:crypto';
import {
  checkRating,
  cleanReasoning,
  type EvidenceKind,
  type EvidenceRef,
  type RatedKind,
  type Rating,
} from '../../core/evaluation/rating.js';
import type { Actor } from '../../core/policy/policy.js';
import { AppError, badField } from '../../errors.js';
import {
  currentRatings,
  evaluationRepository,
  type CurrentRating,
} from '../../store/evaluation.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { evaluated } from './access.js';
import { chainOf } from './eeg.service.js';

export interface RatingInput {
  subjectKind: RatedKind;
  subjectId: string;
  rating: string;
  reasoning: string;
  evidence: EvidenceRef[];
  /** The version the evaluator saw as current; 0 when it was never rated. */
  version: number;
}

/**
 * Whether the exercise's after-action report stands final (decision 0030): its latest version is
 * final. The ratings it printed are then no longer changed; an edit of the report after it makes a
 * new draft, and only then may evaluators rate again.
 */
export async function isReportFinal(db: Q, exerciseId: string): Promise<boolean> {
  return (await aarRepository.latest(db, exerciseId))?.status === 'final';
}

/** Every version of every rating, newest first per subject. */
export const ratingHistory = (db: Q, exerciseId: string) => evaluationRepository.history(db, exerciseId);

/** The ids of what a rating of this exercise may rest on, per kind. */
async function evidenceOfExercise(db: Q, exerciseId: string): Promise<Record<EvidenceKind, Set<string>>> {
  const [observations, injects, reports] = await Promise.all([
    db.selectFrom('observations').select('id').where('exercise_id', '=', exerciseId).execute(),
    db
      .selectFrom('inject_runs')
      .select('id')
      .where('exercise_id', '=', exerciseId)
      .where('fired_at', 'is not', null)
      .execute(),
    db.selectFrom('player_reports').select('id').where('exercise_id', '=', exerciseId).execute(),
  ]);
  const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  return { observation: ids(observations), inject: ids(injects), player_report: ids(reports) };
}

const stale = (current: number) =>
  new AppError(
    'rating_stale',
    409,
    `Someone rated this since you opened it (now version ${current}): read their rating, then rate again`,
    'version',
    undefined,
    { current: String(current) },
  );

/**
 * Records a new version of the rating of a capability target or a core capability: the mark, the
 * reasoning it needs, and the evidence it rests on. A stale version (another evaluator rated it
 * since) is refused with 409, never overwritten; every version is kept and audited.
 */
export async function recordRating(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  input: RatingInput,
): Promise<CurrentRating> {
  const db = ctx.db.kysely;
  const { row } = await evaluated(db, actor, exerciseId, 'ratings:record');
  if (await isReportFinal(db, exerciseId))
    throw new AppError('report_final', 409, 'The report is final: its ratings are no longer changed');
  const chain = await chainOf(db, exerciseId);
  const subjects =
    input.subjectKind === 'capability_target'
      ? new Set(chain.targets.map((t) => t.id))
      : new Set(chain.targets.map((t) => t.core_capability_id));
  if (!subjects.has(input.subjectId))
    throw badField(
      'subjectId',
      input.subjectKind === 'capability_target' ? 'not_a_capability_target' : 'capability_not_evaluated',
    );
  const problem = checkRating(input, await evidenceOfExercise(db, exerciseId));
  if (problem) throw badField(problem.field, problem.problem, problem.params);

  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const latest = await evaluationRepository.latestVersion(
      trx,
      exerciseId,
      input.subjectKind,
      input.subjectId,
    );
    if (latest !== input.version) throw stale(latest);
    try {
      await evaluationRepository.insertRating(
        trx,
        {
          id,
          exercise_id: exerciseId,
          subject_kind: input.subjectKind,
          subject_id: input.subjectId,
          version: latest + 1,
          rating: input.rating,
          reasoning: cleanReasoning(input.reasoning),
          rater_id: who.userId ?? '',
          rater_name: who.name ?? '',
          recorded_at: ctx.clock.now().toISOString(),
        },
        input.evidence,
      );
    } catch (e) {
      // Another writer took the same version between our read and our insert: the unique key said so.
      if (/unique|duplicate/i.test(String(e))) throw stale(latest + 1);
      throw e;
    }
    await appendAudit(ctx, trx, who, {
      action: 'rating.recorded',
      subjectType: input.subjectKind,
      subjectId: input.subjectId,
      detail: {
        exerciseId,
        ratingId: id,
        rating: input.rating,
        version: latest + 1,
        evidence: input.evidence.length,
      },
    });
    await appendEvent(ctx, trx, {
      type: 'rating.recorded',
      organisationId: row.lead_organisation_id,
      exerciseId,
      subjectType: input.subjectKind,
      subjectId: input.subjectId,
      payload: { rating: input.rating as Rating, version: latest + 1 },
    });
  });
  const current = await currentRatings(db, exerciseId);
  return current.find((r) => r.subjectKind === input.subjectKind && r.subjectId === input.subjectId)!;
}
