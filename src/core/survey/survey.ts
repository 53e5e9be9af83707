/**
 * The hot-wash survey of an exercise: questions per role, the answers one person gives, and their
 * summary. Pure: the service loads and stores, these functions decide what a survey and an answer
 * may hold and what the answers add up to.
 */

import { LOCALES } from '../../contract/enums.js';
import type { FieldFault } from '../messages/messages.js';

export type SurveyLanguage = (typeof LOCALES)[number];

/** Whom a question asks: an exercise role grouped as the HSEEP feedback forms group them. */
export const SURVEY_ROLES = ['player', 'controller', 'evaluator', 'observer', 'director'] as const;
export type SurveyRole = (typeof SURVEY_ROLES)[number];

export const QUESTION_KINDS = ['rating', 'yes-no', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A question's wording per language; at least one is given, the others fall back to it. */
export type LocalText = Partial<Record<SurveyLanguage, string>>;

export interface SurveyQuestion {
  /** Stable within the survey; answers name it. */
  id: string;
  kind: QuestionKind;
  text: LocalText;
  roles: SurveyRole[];
  required: boolean;
}

/** One person's answers: a rating 1–5, yes (true) or no (false), or text, per question id. */
export type Answer = number | boolean | string;
export type Answers = Record<string, Answer>;

export const QUESTIONS_MAX = 30;
export const QUESTION_TEXT_MAX = 300;
export const ANSWER_TEXT_MAX = 2000;

/** Which survey role an exercise role answers as. */
export function surveyRoleOf(exerciseRole: string): SurveyRole {
  switch (exerciseRole) {
    case 'player':
    case 'actor':
      return 'player';
    case 'controller':
    case 'senior-controller':
    case 'safety-controller':
    case 'simulator':
    case 'trusted-agent':
      return 'controller';
    case 'evaluator':
    case 'lead-evaluator':
      return 'evaluator';
    case 'director':
      return 'director';
    default:
      return 'observer';
  }
}

/** The wording in `language`, else English, else whichever was given. */
export function textIn(text: LocalText, language: string): string {
  return text[language as SurveyLanguage] ?? text.en ?? text.ru ?? text.kk ?? '';
}

const ALL: SurveyRole[] = [...SURVEY_ROLES];
const q = (
  id: string,
  kind: QuestionKind,
  roles: SurveyRole[],
  required: boolean,
  en: string,
  ru: string,
  kk: string,
): SurveyQuestion => ({ id, kind, roles, required, text: { en, ru, kk } });

/**
 * The default questions, after the HSEEP participant feedback form: how well the exercise met its
 * objectives, how real and how well run it was, then strengths and areas for improvement in the
 * participant's own words. Planners edit them before ENDEX.
 */
export const DEFAULT_QUESTIONS: readonly SurveyQuestion[] = [
  q(
    'objectives',
    'rating',
    ALL,
    true,
    'How well did the exercise meet its objectives?',
    'Насколько учение достигло своих целей?',
    'Оқу-жаттығу өз мақсаттарына қаншалықты жетті?',
  ),
  q(
    'realism',
    'rating',
    ['player', 'controller', 'observer', 'director'],
    true,
    'How realistic was the scenario?',
    'Насколько реалистичным был сценарий?',
    'Сценарий қаншалықты шынайы болды?',
  ),
  q(
    'preparation',
    'rating',
    ALL,
    true,
    'How well did the briefings and materials prepare you for your role?',
    'Насколько инструктажи и материалы подготовили вас к вашей роли?',
    'Нұсқаулықтар мен материалдар сізді рөліңізге қаншалықты дайындады?',
  ),
  q(
    'injects-in-time',
    'yes-no',
    ['player'],
    true,
    'Did the injects reach you in time to act on them?',
    'Вводные доходили до вас вовремя, чтобы успеть действовать?',
    'Кіріспелер сізге әрекет етуге үлгеретіндей уақытында жетті ме?',
  ),
  q(
    'coordination',
    'yes-no',
    ['player', 'controller'],
    true,
    'Was coordination with the other agencies adequate?',
    'Было ли взаимодействие с другими ведомствами достаточным?',
    'Басқа ведомстволармен өзара іс-қимыл жеткілікті болды ма?',
  ),
  q(
    'control',
    'rating',
    ['controller', 'evaluator', 'director'],
    true,
    'How well did exercise control run the play?',
    'Насколько хорошо управление учением вело игру?',
    'Оқу-жаттығуды басқару ойынды қаншалықты жақсы жүргізді?',
  ),
  q(
    'observable',
    'yes-no',
    ['evaluator'],
    true,
    'Could you observe every critical task assigned to you?',
    'Удалось ли вам наблюдать все закреплённые за вами критические задачи?',
    'Сізге бекітілген барлық маңызды міндеттерді бақылай алдыңыз ба?',
  ),
  q(
    'strengths',
    'text',
    ALL,
    false,
    'Strengths: what went well?',
    'Сильные стороны: что получилось хорошо?',
    'Күшті жақтары: не жақсы болды?',
  ),
  q(
    'improvements',
    'text',
    ALL,
    false,
    'Areas for improvement: what should change before the next exercise?',
    'Области для улучшения: что нужно изменить к следующему учению?',
    'Жетілдіру салалары: келесі оқу-жаттығуға дейін нені өзгерту керек?',
  ),
  q(
    'comments',
    'text',
    ALL,
    false,
    'Anything else you want the exercise planners to know?',
    'Что ещё вы хотели бы сообщить организаторам учения?',
    'Оқу-жаттығуды ұйымдастырушыларға тағы не айтқыңыз келеді?',
  ),
];

/** A problem with one field, named by its path ("questions/2/text"), as a catalogue key. */
export interface SurveyProblem extends FieldFault {
  field: string;
}

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Checks a survey as a planner edits it; the first problem found is enough to answer. */
export function checkQuestions(questions: readonly SurveyQuestion[]): SurveyProblem | null {
  if (questions.length === 0) return { field: 'questions', problem: 'no_questions' };
  if (questions.length > QUESTIONS_MAX)
    return { field: 'questions', problem: 'max_items', params: { max: QUESTIONS_MAX } };
  const seen = new Set<string>();
  for (const [i, question] of questions.entries()) {
    const at = `questions/${i}`;
    if (!ID.test(question.id)) return { field: `${at}/id`, problem: 'question_id_form', params: { max: 40 } };
    if (seen.has(question.id)) return { field: `${at}/id`, problem: 'used_by_another_question' };
    seen.add(question.id);
    if (!QUESTION_KINDS.includes(question.kind))
      return { field: `${at}/kind`, problem: 'one_of', params: { allowed: QUESTION_KINDS.join(', ') } };
    if (question.roles.length === 0) return { field: `${at}/roles`, problem: 'no_roles' };
    const bad = question.roles.findIndex((r) => !SURVEY_ROLES.includes(r));
    if (bad >= 0)
      return { field: `${at}/roles/${bad}`, problem: 'one_of', params: { allowed: SURVEY_ROLES.join(', ') } };
    const given = LOCALES.filter((l) => question.text[l]?.trim());
    if (given.length === 0) return { field: `${at}/text`, problem: 'no_wording' };
    for (const l of given) {
      const t = question.text[l]!;
      if (t.length > QUESTION_TEXT_MAX)
        return { field: `${at}/text/${l}`, problem: 'max_length', params: { max: QUESTION_TEXT_MAX } };
      if (CONTROL.test(t) || t.includes('\n')) return { field: `${at}/text/${l}`, problem: 'one_line' };
    }
  }
  return null;
}

/** The questions one role is asked, in the survey's order. */
export const questionsFor = (questions: readonly SurveyQuestion[], role: SurveyRole): SurveyQuestion[] =>
  questions.filter((question) => question.roles.includes(role));

/**
 * Checks one person's answers against the questions of their role and returns them cleaned (text
 * trimmed, empty text dropped), or the first problem, named by its field ("answers/realism").
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  role: SurveyRole,
  answers: Readonly<Record<string, unknown>>,
): { answers: Answers } | { problem: SurveyProblem } {
  const asked = new Map(questionsFor(questions, role).map((x) => [x.id, x]));
  const out: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    const field = `answers/${id}`;
    const question = asked.get(id);
    if (!question) return { problem: { field, problem: 'not_your_question' } };
    switch (question.kind) {
      case 'rating':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5)
          return { problem: { field, problem: 'whole_number_between', params: { min: 1, max: 5 } } };
        out[id] = value;
        break;
      case 'yes-no':
        if (typeof value !== 'boolean')
          return { problem: { field, problem: 'yes_or_no', params: { yes: 'true', no: 'false' } } };
        out[id] = value;
        break;
      case 'text': {
        if (typeof value !== 'string')
          return { problem: { field, problem: 'type', params: { type: 'string' } } };
        const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
        if (text.length > ANSWER_TEXT_MAX)
          return { problem: { field, problem: 'max_length', params: { max: ANSWER_TEXT_MAX } } };
        if (CONTROL.test(text)) return { problem: { field, problem: 'no_control_characters' } };
        if (text) out[id] = text;
        break;
      }
    }
  }
  for (const question of asked.values())
    if (question.required && !(question.id in out))
      return { problem: { field: `answers/${question.id}`, problem: 'required' } };
  if (Object.keys(out).length === 0) return { problem: { field: 'answers', problem: 'no_answers' } };
  return { answers: out };
}

interface QuestionSummaryBase {
  questionId: string;
  text: LocalText;
  /** How many of the role's responses answered it. */
  answered: number;
}
export type QuestionSummary =
  | (QuestionSummaryBase & {
      kind: 'rating';
      /** Mean of the ratings, two decimals; null when nobody rated. */
      average: number | null;
      /** How many rated 1, 2, 3, 4 and 5. */
      distribution: [number, number, number, number, number];
    })
  | (QuestionSummaryBase & { kind: 'yes-no'; yes: number; no: number })
  | (QuestionSummaryBase & { kind: 'text'; answers: string[] });

export interface RoleSummary {
  role: SurveyRole;
  /** People of this role the survey went to. */
  invited: number;
  responses: number;
  questions: QuestionSummary[];
}

/** One stored response as the summary needs it: never who gave it. */
export interface ResponseFacts {
  role: SurveyRole;
  answers: Answers;
}

/** Per role, per question: counts, the average and distribution of ratings, and the text answers. */
export function summarise(
  questions: readonly SurveyQuestion[],
  responses: readonly ResponseFacts[],
  invited: Readonly<Partial<Record<SurveyRole, number>>>,
): RoleSummary[] {
  return SURVEY_ROLES.map((role): RoleSummary => {
    const mine = responses.filter((r) => r.role === role);
    return {
      role,
      invited: invited[role] ?? 0,
      responses: mine.length,
      questions: questionsFor(questions, role).map((question) => summariseQuestion(question, mine)),
    };
  }).filter((r) => r.invited > 0 || r.responses > 0);
}

function summariseQuestion(question: SurveyQuestion, responses: readonly ResponseFacts[]): QuestionSummary {
  const values = responses.map((r) => r.answers[question.id]).filter((v) => v !== undefined);
  const base = { questionId: question.id, text: question.text, answered: values.length };
  switch (question.kind) {
    case 'rating': {
      const ratings = values.filter((v): v is number => typeof v === 'number');
      const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const r of ratings) distribution[r - 1]! += 1;
      const average = ratings.length
        ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100
        : null;
      return { ...base, kind: 'rating', average, distribution };
    }
    case 'yes-no':
      return {
        ...base,
        kind: 'yes-no',
        yes: values.filter((v) => v === true).length,
        no: values.filter((v) => v === false).length,
      };
    case 'text':
      return { ...base, kind: 'text', answers: values.filter((v): v is string => typeof v === 'string') };
  }
}
