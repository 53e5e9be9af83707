import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../services/context.js';
import { lessonFilters, searchLessons } from '../../../services/lessons/lessons.service.js';
import { principalOf } from '../../access.js';
import { problems } from '../common.schema.js';
import { LessonFiltersSchema, LessonQuery, LessonResults, LessonSchema } from './schema.js';

/**
 * Lessons learned across past exercises (decision 0033): full text over observations, strengths and
 * areas for improvement, only of the exercises whose evaluation the reader may see.
 */
export const lessonRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(LessonSchema);
  const tags = ['lessons'];

  app.get(
    '/lessons',
    {
      config: { access: 'observations:read', scope: 'filtered' },
      schema: {
        tags,
        summary:
          'Search observations, strengths and areas for improvement of past exercises, best match first',
        querystring: LessonQuery,
        response: { 200: LessonResults, ...problems },
      },
    },
    async (request) => searchLessons(ctx, principalOf(request).actor, request.query),
  );

  app.get(
    '/lessons/filters',
    {
      config: { access: 'observations:read', scope: 'filtered' },
      schema: {
        tags,
        summary: 'The cities, organisations and core capabilities the lessons search can be narrowed to',
        response: { 200: LessonFiltersSchema, ...problems },
      },
    },
    async (request) => lessonFilters(ctx, principalOf(request).actor),
  );
};
