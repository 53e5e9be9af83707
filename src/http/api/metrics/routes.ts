import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { exerciseMetricsFor } from '../../../services/evaluation/metrics.service.js';
import { principalOf } from '../../access.js';
import { IdParams, problems } from '../common.schema.js';
import { ExerciseMetricsSchema } from './schema.js';

/** An exercise's measured metrics: for its evaluators and directors, as its observations (decision 0020). */
export const metricsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(ExerciseMetricsSchema);
  app.get(
    '/exercises/:id/metrics',
    {
      config: { access: 'observations:read' },
      schema: {
        tags: ['observations'],
        summary:
          'Metrics measured from the exercise’s history: per inject and team fired → delivered → acknowledged → first action, critical tasks met against their targets, objectives’ shares, alert drills’ delivery times',
        params: IdParams,
        response: { 200: Type.Ref(ExerciseMetricsSchema), ...problems },
      },
    },
    async (request) => exerciseMetricsFor(ctx, principalOf(request).actor, request.params.id),
  );
};
