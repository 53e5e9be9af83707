import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  listObservations,
  observationForm,
  observationPhoto,
  recordObservation,
} from '../../../services/observations/observations.service.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, Items, problems } from '../common.schema.js';
import { ObservationBody, ObservationFormSchema, ObservationSchema } from './schema.js';

/** A photo of 4 MiB is 5.4 MiB in base64; the text and links fit in the rest. */
export const OBSERVATION_BODY_LIMIT = 6 * 1024 * 1024;

const ObservationParams = Type.Object({ id: Id, observationId: Id });

/**
 * Evaluators' observations under their exercise. Recording is the evaluators'; reading, until the
 * report is final, the evaluators' and directors' (decision 0020). Controllers, players and
 * observers never reach them.
 */
export const observationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(ObservationSchema);
  const Observation = Type.Ref(ObservationSchema);
  const tags = ['observations'];

  app.get(
    '/exercises/:id/observations',
    {
      config: { access: 'observations:read' },
      schema: {
        tags,
        summary: 'The exercise’s observations, latest first (its evaluators and directors only)',
        params: IdParams,
        response: { 200: Items(Observation), ...problems },
      },
    },
    async (request) => ({
      items: await listObservations(ctx, principalOf(request).actor, request.params.id),
    }),
  );

  app.get(
    '/exercises/:id/observations/form',
    {
      config: { access: 'observations:record' },
      schema: {
        tags,
        summary:
          'What the observation form offers an evaluator: their assigned teams, the venues, teams, objectives and critical tasks',
        params: IdParams,
        response: { 200: ObservationFormSchema, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return observationForm(ctx, p.info, p.actor, request.params.id);
    },
  );

  app.put(
    '/exercises/:id/observations/:observationId',
    {
      bodyLimit: OBSERVATION_BODY_LIMIT,
      config: { access: 'observations:record' },
      schema: {
        tags,
        summary:
          'Record an observation under the id the device gave it; a replay answers the same and stores nothing new',
        params: ObservationParams,
        body: ObservationBody,
        response: { 200: Observation, 413: problems[400], 415: problems[400], ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return recordObservation(
        ctx,
        p.info,
        p.actor,
        request.params.id,
        request.params.observationId,
        request.body,
      );
    },
  );

  app.get(
    '/exercises/:id/observations/:observationId/photo',
    {
      config: { access: 'observations:read' },
      schema: {
        tags,
        summary: 'The photo of an observation',
        params: ObservationParams,
        response: { 200: Type.String({ description: 'the picture (JPEG, PNG or WebP)' }), ...problems },
      },
    },
    async (request, reply) => {
      const photo = await observationPhoto(
        ctx,
        principalOf(request).actor,
        request.params.id,
        request.params.observationId,
      );
      return reply
        .type(photo.type)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );
};
