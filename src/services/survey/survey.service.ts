import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { can, type Actor } from '../../core/policy/policy.js';
import {
  checkAnswers,
  checkQuestions,
  DEFAULT_QUESTIONS,
  questionsFor,
  summarise,
  surveyRoleOf,
  type Answers,
  type RoleSummary,
  type SurveyProblem,
  type SurveyQuestion,
  type SurveyRole,
} from '../../core/survey/survey.js';
import type { TrafficMode } from '../../core/outbox/traffic.js';
import { AppError, badField, forbidden, notFound } from '../../errors.js';
import type { ExerciseRow } from '../../store/schema.js';
import { surveyRepository } from '../../store/survey.repository.js';
import type { SurveyRow } from '../../store/survey-tables.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { secretsKey } from '../keys/secrets.js';
import { requestFanOut } from '../outbox/fanout.js';
import { getExerciseRow, planScopeOf, readScopeOf } from '../planning/exercises.service.js';

export type { SurveyQuestion, SurveyRole } from '../../core/survey/survey.js';

/** The survey as its planners edit it. */
export interface Survey {
  exerciseId: string;
  questions: SurveyQuestion[];
  /** 0 while nobody edited the default; send it back with an edit. */
  version: number;
  /** When ENDEX sent it; from then on the questions are frozen. */
  sentAt: string | null;
  /** Whether this reader may still change it. */
  editable: boolean;
}

/** What one participant is asked, and whether they already answered. */
export interface SurveyForm {
  exerciseId: string;
  name: string;
  role: SurveyRole;
  /** Answers are taken once ENDEX sent the survey. */
  open: boolean;
  questions: SurveyQuestion[];
  answered: { at: string; anonymous: boolean } | null;
}

export interface SurveyAnswerInput {
  anonymous: boolean;
  answers: Record<string, unknown>;
}

/** The survey's answers, summarised per role: what the after-action report cites. */
export interface SurveySummary {
  exerciseId: string;
  sentAt: string | null;
  /** People the survey reached (an account or a phone-book contact). */
  invited: number;
  responses: number;
  anonymous: number;
  roles: RoleSummary[];
}

const questionsOf = (row: SurveyRow | undefined): SurveyQuestion[] =>
  row ? (JSON.parse(row.questions) as SurveyQuestion[]) : DEFAULT_QUESTIONS.map((q) => ({ ...q }));

const notAParticipant = () =>
  new AppError(
    'not_a_participant',
    403,
    'You have no seat in this exercise: its survey is for the people who took part',
  );

/** The exercise if the actor reads it (else "not found"), and its read scope. */
async function readableExercise(db: Q, actor: Actor, exerciseId: string) {
  const row = await getExerciseRow(db, exerciseId);
  const scope = await readScopeOf(db, row);
  if (!can(actor, 'exercises:read', scope)) throw notFound('Exercise');
  return { row, scope };
}

const mayEdit = (actor: Actor, row: ExerciseRow) => can(actor, 'exercises:plan', planScopeOf(row));

/**
 * The one-way token standing for one person in one exercise's survey: an HMAC, keyed by a key
 * derived from the installation's secrets key (kept beside the data, not in the database), of the
 * exercise and the account. The same person always gets the same token, so they cannot answer
 * twice; the database alone cannot tell whose token it is (decision 0032).
 */
function respondentToken(ctx: AppContext, exerciseId: string, userId: string): string {
  const key = Buffer.from(hkdfSync('sha256', secretsKey(ctx.config), 'dabyl', 'survey-respondent', 32));
  return createHmac('sha256', key).update(`${exerciseId}\n${userId}`).digest('base64url');
}

/** The survey's questions for its planners (and directors): the default until someone edits it. */
export async function getSurvey(ctx: AppContext, actor: Actor, exerciseId: string): Promise<Survey> {
  const db = ctx.db.kysely;
  const { row, scope } = await readableExercise(db, actor, exerciseId);
  if (!mayEdit(actor, row) && !can(actor, 'surveys:read', scope))
    throw forbidden('Only the exercise’s planners and directors see its survey’s questions');
  const survey = await surveyRepository.get(db, exerciseId);
  return {
    exerciseId,
    questions: questionsOf(survey),
    version: survey?.version ?? 0,
    sentAt: survey?.sent_at ?? null,
    editable: mayEdit(actor, row) && !survey?.sent_at && row.status !== 'ended',
  };
}

const surveyFault = ({ field, problem, params }: SurveyProblem) => badField(field, problem, params);

/** Replaces the questions before ENDEX; `version` guards against two planners editing at once. */
export async function updateSurvey(
  ctx: AppContext,
  info: ActorInfo,
  actor: Actor,
  exerciseId: string,
  input: { version: number; questions: SurveyQuestion[] },
): Promise<Survey> {
  const problem = checkQuestions(input.questions);
  if (problem) throw surveyFault(problem);
  const questions = input.questions.map((q) => ({
    id: q.id,
    kind: q.kind,
    roles: [...new Set(q.roles)],
    required: q.required,
    text: Object.fromEntries(
      Object.entries(q.text)
        .map(([l, t]) => [l, t?.trim() ?? ''])
        .filter(([, t]) => t),
    ),
  }));
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await readableExercise(trx, actor, exerciseId);
    if (!mayEdit(actor, row)) throw forbidden('Only the exercise’s planners edit its survey');
    const at = ctx.clock.now().toISOString();
    const current = await surveyRepository.get(trx, exerciseId);
    if (current?.sent_at || row.status === 'ended')
      throw new AppError('survey_sent', 409, 'The survey went out at ENDEX; its questions no longer change');
    if ((current?.version ?? 0) !== input.version)
      throw new AppError(
        'stale_version',
        409,
        'The survey changed meanwhile; reload it and edit again',
        'version',
      );
    const change = { questions: JSON.stringify(questions), updated_at: at, updated_by: info.userId };
    if (!current)
      await surveyRepository.insertIfMissing(trx, {
        exercise_id: exerciseId,
        version: 1,
        sent_at: null,
        ...change,
      });
    else if (!(await surveyRepository.update(trx, exerciseId, current.version, change)))
      throw new AppError(
        'stale_version',
        409,
        'The survey changed meanwhile; reload it and edit again',
        'version',
      );
    await appendAudit(ctx, trx, info, {
      action: 'survey.updated',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { questions: questions.length },
    });
  });
  return getSurvey(ctx, actor, exerciseId);
}

/**
 * Sends the survey at ENDEX, inside the clock's transaction: the questions as planners left them
 * (the default when nobody edited them) are frozen and one fan-out is requested, so ENDEX and the
 * promise to ask everyone commit together. Only the first ENDEX sends.
 */
export async function sendSurveyAtEndex(
  ctx: AppContext,
  trx: Q,
  exerciseId: string,
  mode: TrafficMode,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await surveyRepository.insertIfMissing(trx, {
    exercise_id: exerciseId,
    questions: JSON.stringify(DEFAULT_QUESTIONS),
    version: 1,
    updated_at: at,
    updated_by: null,
    sent_at: null,
  });
  if (!(await surveyRepository.markSent(trx, exerciseId, at))) return;
  await requestFanOut(ctx, trx, {
    sourceKind: 'survey',
    sourceId: exerciseId,
    sequence: 1,
    mode,
    exerciseId,
  });
}

/** The participant's seat and survey role; refused to anyone without a seat in the exercise. */
async function seatOf(ctx: AppContext, db: Q, actor: Actor, exerciseId: string) {
  const { row } = await readableExercise(db, actor, exerciseId);
  const seats = await surveyRepository.seats(db, exerciseId, actor.userId);
  if (!seats.length) throw notAParticipant();
  return {
    exercise: row,
    role: surveyRoleOf(seats[0]!.role),
    token: respondentToken(ctx, exerciseId, actor.userId),
  };
}

/** What the reader is asked, in their role, and whether they already answered. */
export async function surveyForm(ctx: AppContext, actor: Actor, exerciseId: string): Promise<SurveyForm> {
  const db = ctx.db.kysely;
  const seat = await seatOf(ctx, db, actor, exerciseId);
  const survey = await surveyRepository.get(db, exerciseId);
  const answered = await surveyRepository.answered(db, exerciseId, seat.token);
  return {
    exerciseId,
    name: seat.exercise.name,
    role: seat.role,
    open: Boolean(survey?.sent_at),
    questions: questionsFor(questionsOf(survey), seat.role),
    answered: answered ? { at: answered.created_at, anonymous: answered.anonymous === 1 } : null,
  };
}

/**
 * Stores one participant's answers, once. Anonymous answers keep no account id, only the token
 * that stops a second answer; they are not audited either, since an audit entry would name them.
 */
export async function answerSurvey(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
  input: SurveyAnswerInput,
): Promise<SurveyForm> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const seat = await seatOf(ctx, trx, actor, exerciseId);
    const survey = await surveyRepository.get(trx, exerciseId);
    if (!survey?.sent_at)
      throw new AppError(
        'survey_not_open',
        409,
        'The survey opens at ENDEX; answer it once the exercise has ended',
      );
    const checked = checkAnswers(questionsOf(survey), seat.role, input.answers);
    if ('problem' in checked) throw surveyFault(checked.problem);
    const stored = await surveyRepository.insertResponse(trx, {
      id: randomUUID(),
      exercise_id: exerciseId,
      respondent: seat.token,
      user_id: input.anonymous ? null : actor.userId,
      role: seat.role,
      anonymous: input.anonymous ? 1 : 0,
      answers: JSON.stringify(checked.answers),
      created_at: ctx.clock.now().toISOString(),
    });
    if (!stored) throw new AppError('survey_answered', 409, 'You have already answered this survey');
  });
  return surveyForm(ctx, actor, exerciseId);
}

/**
 * The summary of an exercise's survey, for whoever already may read it (the after-action report,
 * the summary route): per role, per question, counts, averages, distributions and the text answers.
 */
export async function surveySummary(ctx: Pick<AppContext, 'db'>, exerciseId: string): Promise<SurveySummary> {
  const db = ctx.db.kysely;
  const survey = await surveyRepository.get(db, exerciseId);
  const rows = await surveyRepository.responses(db, exerciseId);
  const invited: Partial<Record<SurveyRole, number>> = {};
  for (const r of await surveyRepository.invitedByRole(db, exerciseId)) {
    const role = surveyRoleOf(r.role);
    invited[role] = (invited[role] ?? 0) + Number(r.n);
  }
  const responses = rows.map((r) => ({
    role: r.role as SurveyRole,
    answers: JSON.parse(r.answers) as Answers,
  }));
  return {
    exerciseId,
    sentAt: survey?.sent_at ?? null,
    invited: Object.values(invited).reduce((a, b) => a + b, 0),
    responses: rows.length,
    anonymous: rows.filter((r) => r.anonymous === 1).length,
    roles: summarise(questionsOf(survey), responses, invited),
  };
}

/** The summary for a reader: the exercise's directors and evaluators, within their organisations. */
export async function readSurveySummary(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<SurveySummary> {
  const { scope } = await readableExercise(ctx.db.kysely, actor, exerciseId);
  if (!can(actor, 'surveys:read', scope))
    throw forbidden('Only the exercise’s directors and evaluators read its survey’s answers');
  return surveySummary(ctx, exerciseId);
}
