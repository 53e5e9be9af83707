import { Type } from '@sinclair/typebox';
import {
  ANSWER_TEXT_MAX,
  QUESTION_KINDS,
  QUESTION_TEXT_MAX,
  QUESTIONS_MAX,
  SURVEY_ROLES,
} from '../../../core/survey/survey.js';
import { Id, Instant, Nullable, literals } from '../common.schema.js';

const Role = literals(SURVEY_ROLES);
const Line = Type.String({ maxLength: QUESTION_TEXT_MAX });
const LocalText = Type.Object(
  { kk: Type.Optional(Line), ru: Type.Optional(Line), en: Type.Optional(Line) },
  {
    additionalProperties: false,
    description: 'the wording per language; at least one, the others fall back to it',
  },
);

export const SurveyQuestionSchema = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'stable within the survey; answers name it',
    }),
    kind: literals(QUESTION_KINDS),
    text: LocalText,
    roles: Type.Array(Role, { minItems: 1, maxItems: SURVEY_ROLES.length, description: 'who is asked it' }),
    required: Type.Boolean(),
  },
  { $id: 'SurveyQuestion', additionalProperties: false },
);
const Question = Type.Ref(SurveyQuestionSchema);

export const SurveySchema = Type.Object(
  {
    exerciseId: Id,
    questions: Type.Array(Question),
    version: Type.Integer({
      minimum: 0,
      description: '0 while the default is untouched; send it back with an edit',
    }),
    sentAt: Nullable(Instant),
    editable: Type.Boolean({ description: 'this reader may still change the questions (before ENDEX)' }),
  },
  { $id: 'Survey' },
);

export const SurveyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0 }),
    questions: Type.Array(SurveyQuestionSchema, { minItems: 1, maxItems: QUESTIONS_MAX }),
  },
  { additionalProperties: false },
);

export const SurveyFormSchema = Type.Object(
  {
    exerciseId: Id,
    name: Type.String(),
    role: Role,
    open: Type.Boolean({ description: 'answers are taken once ENDEX sent the survey' }),
    questions: Type.Array(Question, { description: "the reader's role's questions" }),
    answered: Nullable(Type.Object({ at: Instant, anonymous: Type.Boolean() })),
  },
  { $id: 'SurveyForm' },
);

export const AnswerBody = Type.Object(
  {
    anonymous: Type.Boolean({ description: 'keep no account id with the answers' }),
    answers: Type.Record(
      Type.String(),
      Type.Union([Type.Integer(), Type.Boolean(), Type.String({ maxLength: ANSWER_TEXT_MAX })]),
      { description: 'per question id: a rating 1–5, true (yes) or false (no), or text' },
    ),
  },
  { additionalProperties: false },
);

const base = { questionId: Type.String(), text: LocalText, answered: Type.Integer({ minimum: 0 }) };
const QuestionSummary = Type.Union([
  Type.Object({
    ...base,
    kind: Type.Literal('rating'),
    average: Nullable(Type.Number()),
    distribution: Type.Array(Type.Integer({ minimum: 0 }), {
      minItems: 5,
      maxItems: 5,
      description: 'how many rated 1, 2, 3, 4, 5',
    }),
  }),
  Type.Object({ ...base, kind: Type.Literal('yes-no'), yes: Type.Integer(), no: Type.Integer() }),
  Type.Object({ ...base, kind: Type.Literal('text'), answers: Type.Array(Type.String()) }),
]);

export const SurveySummarySchema = Type.Object(
  {
    exerciseId: Id,
    sentAt: Nullable(Instant),
    invited: Type.Integer({ minimum: 0 }),
    responses: Type.Integer({ minimum: 0 }),
    anonymous: Type.Integer({ minimum: 0 }),
    roles: Type.Array(
      Type.Object({
        role: Role,
        invited: Type.Integer({ minimum: 0 }),
        responses: Type.Integer({ minimum: 0 }),
        questions: Type.Array(QuestionSummary),
      }),
    ),
  },
  { $id: 'SurveySummary' },
);
