import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { renderGuideForPrint, PRINT_LANGS, type PrintLang } from '../../../services/evaluation/eeg-print.js';
import {
  assignableEvaluators,
  assignEvaluator,
  evaluationGuide,
  unassignEvaluator,
} from '../../../services/evaluation/eeg.service.js';
import { recordRating } from '../../../services/evaluation/ratings.service.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, Items, literals, problems } from '../common.schema.js';
import { ObservationSchema } from '../observations/schema.js';
import { AssignmentBody, AssignmentSchema, GuideSchema, RatingBody, RatingSchema } from './schema.js';

/**
 * Exercise evaluation guides and P/S/M/U ratings (decision 0028). Reading is the evaluators' and
 * directors' until the report is final; rating is the evaluators'; assigning is planning.
 */
export const evaluationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(RatingSchema);
  // Observations' routes register their schema in their own scope; the guide lists them too.
  app.addSchema(ObservationSchema);
  const tags = ['evaluation'];

  app.get(
    '/exercises/:id/evaluation',
    {
      config: { access: 'ratings:read' },
      schema: {
        tags,
        summary:
          'The exercise evaluation guide: a section per capability target with its critical tasks, the observations, injects and reports that concern it, and the ratings with their history',
        params: IdParams,
        response: { 200: GuideSchema, ...problems },
      },
    },
    async (request) => evaluationGuide(ctx, principalOf(request).actor, request.params.id),
  );

  app.get(
    '/exercises/:id/evaluation/print',
    {
      config: { access: 'ratings:read' },
      schema: {
        tags,
        summary:
          'The guide for paper: a page per capability target with blank rating boxes and lines for notes',
        params: IdParams,
        querystring: Type.Object(
          { lang: Type.Optional(literals(PRINT_LANGS)) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'HTML for printing' }), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const lang = (request.query.lang ?? p.user.locale) as PrintLang;
      const guide = await evaluationGuide(ctx, p.actor, request.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-language', lang)
        .header('cache-control', 'private, no-store')
        .send(renderGuideForPrint(guide, PRINT_LANGS.includes(lang) ? lang : 'en'));
    },
  );

  app.post(
    '/exercises/:id/ratings',
    {
      config: { access: 'ratings:record' },
      schema: {
        tags,
        summary:
          'Rate a capability target or core capability P, S, M or U with its reasoning and evidence; a new version, never an overwrite',
        params: IdParams,
        body: RatingBody,
        response: { 200: Type.Ref(RatingSchema), ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return recordRating(ctx, p.info, p.actor, request.params.id, request.body);
    },
  );

  app.get(
    '/exercises/:id/evaluators',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Who may be assigned: the users holding the evaluator role on this exercise',
        params: IdParams,
        response: { 200: Items(Type.Object({ id: Id, name: Type.String() })), ...problems },
      },
    },
    async (request) => ({
      items: await assignableEvaluators(ctx, principalOf(request).actor, request.params.id),
    }),
  );

  app.post(
    '/exercises/:id/evaluator-assignments',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Assign an evaluator to a venue and/or a team of the exercise',
        params: IdParams,
        body: AssignmentBody,
        response: { 200: AssignmentSchema, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return assignEvaluator(ctx, p.info, p.actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/exercises/:id/evaluator-assignments/:assignmentId',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Remove an evaluator’s assignment',
        params: Type.Object({ id: Id, assignmentId: Id }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await unassignEvaluator(ctx, p.info, p.actor, request.params.id, request.params.assignmentId);
      return reply.status(204).send(null);
    },
  );
};
