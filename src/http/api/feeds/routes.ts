import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { addFeedAs, feedAlerts, feedViews, pollFeedNow } from '../../../services/feeds/feed-admin.service.js';
import { principalOf } from '../../access.js';
import { requestLanguage, wordFeed, wordFindings } from '../../language.js';
import { IdParams, Items, problems } from '../common.schema.js';
import { ExternalAlertSchema, FeedSchema, NewFeedBody, PollSchema } from './schema.js';

/**
 * Other authorities' CAP feeds: whoever reads alerts sees what each feed last did and brought;
 * administrators of the whole installation add feeds and poll one at once. A feed belongs to no
 * organisation, so an organisation's administrator does not change it.
 */
export const feedRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(FeedSchema);
  app.addSchema(ExternalAlertSchema);
  app.addSchema(PollSchema);
  const tags = ['alerts'];

  app.get(
    '/feeds',
    {
      config: { access: 'alerts:read', scope: 'none' },
      schema: {
        tags,
        summary: 'The CAP feeds of other authorities, with what each last poll did',
        response: { 200: Items(Type.Ref(FeedSchema)), ...problems },
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      return { items: (await feedViews(ctx)).map((feed) => wordFeed(feed, lang)) };
    },
  );

  app.post(
    '/feeds',
    {
      config: { access: 'feeds:manage', scope: 'shared' },
      schema: {
        tags,
        summary: 'Add a feed (http or https); a second feed at the same URL is refused',
        body: NewFeedBody,
        response: { 201: Type.Ref(FeedSchema), ...problems },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          wordFeed(await addFeedAs(ctx, principalOf(request).info, request.body), requestLanguage(request)),
        ),
  );

  app.post(
    '/feeds/:id/poll',
    {
      config: { access: 'feeds:manage', scope: 'shared' },
      schema: {
        tags,
        summary: 'Poll a feed now (a conditional GET), whatever its schedule',
        params: IdParams,
        response: { 200: Type.Ref(PollSchema), ...problems },
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const { report, feed } = await pollFeedNow(ctx, principalOf(request).info, request.params.id);
      return {
        report: { ...report, findings: wordFindings(report.findings, lang) },
        feed: wordFeed(feed, lang),
      };
    },
  );

  app.get(
    '/feeds/:id/alerts',
    {
      config: { access: 'alerts:read', scope: 'none' },
      schema: {
        tags,
        summary: 'What a feed brought, newest first, each with its signature verdict',
        params: IdParams,
        response: { 200: Items(Type.Ref(ExternalAlertSchema)), ...problems },
      },
    },
    async (request) => ({ items: await feedAlerts(ctx, request.params.id) }),
  );
};
