import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  calendarForToken,
  createFeedToken,
  listFeedTokens,
  revokeFeedToken,
} from '../../../services/planning/feed-tokens.service.js';
import { principalOf } from '../../access.js';
import { IdParams, Instant, Items, Nullable, problems } from '../common.schema.js';

const FeedToken = Type.Object({
  id: Type.String(),
  scope: Type.Union([Type.Literal('exercise'), Type.Literal('programme')]),
  targetId: Type.String(),
  createdAt: Instant,
  revokedAt: Nullable(Instant),
});
const CreatedFeedToken = Type.Intersect([
  FeedToken,
  Type.Object({
    token: Type.String({ description: 'The secret; shown this once' }),
    path: Type.String({ description: 'The URL path a calendar application subscribes to' }),
  }),
]);
const ICS = 'text/calendar; charset=utf-8';

/** iCalendar feeds: tokens are managed signed in; the feed itself is opened by its token alone. */
export const calendarRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['calendar'];

  app.get(
    '/calendar/:token.ics',
    {
      // The token in the path authorises; calendar applications cannot send cookies or headers.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Subscribe: the iCalendar feed a feed token opens (404 once revoked)',
        params: Type.Object({ token: Type.String({ maxLength: 200 }) }),
        response: { 200: Type.String(), 404: problems[404] },
      },
    },
    async (request, reply) => {
      const body = await calendarForToken(ctx, request.params.token);
      return reply.type(ICS).header('cache-control', 'private, max-age=300').send(body);
    },
  );
  for (const scope of ['exercise', 'programme'] as const)
    app.post(
      `/${scope}s/:id/calendar-token`,
      {
        // A programme's feed holds only the exercises its reader may read.
        config: { access: 'exercises:read', scope: scope === 'exercise' ? 'exercise' : 'filtered' },
        schema: {
          tags,
          summary: `A feed token for this ${scope}'s calendar; the secret is shown once`,
          params: IdParams,
          response: { 201: CreatedFeedToken, ...problems },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createFeedToken(ctx, principalOf(request), scope, request.params.id);
      },
    );
  app.get(
    '/calendar-tokens',
    {
      config: { access: 'exercises:read' },
      schema: { tags, summary: 'My calendar feed tokens', response: { 200: Items(FeedToken), ...problems } },
    },
    async (request) => ({ items: await listFeedTokens(ctx, principalOf(request)) }),
  );
  app.delete(
    '/calendar-tokens/:id',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary: 'Revoke a calendar feed token; its URL answers 404 from now on',
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await revokeFeedToken(ctx, principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
