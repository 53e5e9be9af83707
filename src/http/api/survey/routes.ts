import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  answerSurvey,
  getSurvey,
  readSurveySummary,
  surveyForm,
  updateSurvey,
} from '../../../services/survey/survey.service.js';
import { principalOf } from '../../access.js';
import { IdParams, problems } from '../common.schema.js';
import {
  AnswerBody,
  SurveyBody,
  SurveyFormSchema,
  SurveyQuestionSchema,
  SurveySchema,
  SurveySummarySchema,
} from './schema.js';

/**
 * The hot-wash survey of an exercise (decision 0032): planners edit its questions before ENDEX,
 * ENDEX sends it, each participant answers once (by name or anonymously), and its directors and
 * evaluators read the summary.
 */
export const surveyRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(SurveyQuestionSchema);
  app.addSchema(SurveySchema);
  app.addSchema(SurveyFormSchema);
  app.addSchema(SurveySummarySchema);
  const tags = ['survey'];

  app.get(
    '/exercises/:id/survey',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'The survey’s questions, to edit before ENDEX (its planners and directors)',
        params: IdParams,
        response: { 200: Type.Ref(SurveySchema), ...problems },
      },
    },
    async (request) => getSurvey(ctx, principalOf(request).actor, request.params.id),
  );

  app.put(
    '/exercises/:id/survey',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Replace the survey’s questions before ENDEX',
        params: IdParams,
        body: SurveyBody,
        response: { 200: Type.Ref(SurveySchema), ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return updateSurvey(ctx, p.info, p.actor, request.params.id, request.body);
    },
  );

  app.get(
    '/exercises/:id/survey/mine',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary: 'What the reader is asked in their role, and whether they already answered',
        params: IdParams,
        response: { 200: Type.Ref(SurveyFormSchema), ...problems },
      },
    },
    async (request) => surveyForm(ctx, principalOf(request).actor, request.params.id),
  );

  app.post(
    '/exercises/:id/survey/responses',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary: 'Answer the survey, once, by name or anonymously',
        params: IdParams,
        body: AnswerBody,
        response: { 200: Type.Ref(SurveyFormSchema), ...problems },
      },
    },
    async (request) => answerSurvey(ctx, principalOf(request).actor, request.params.id, request.body),
  );

  app.get(
    '/exercises/:id/survey/summary',
    {
      config: { access: 'surveys:read' },
      schema: {
        tags,
        summary: 'The answers summarised per role and question (the exercise’s directors and evaluators)',
        params: IdParams,
        response: { 200: Type.Ref(SurveySummarySchema), ...problems },
      },
    },
    async (request) => readSurveySummary(ctx, principalOf(request).actor, request.params.id),
  );
};
