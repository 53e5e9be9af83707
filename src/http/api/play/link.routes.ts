import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  acknowledgeByLink,
  decideByLink,
  openInjectLink,
  reportByLink,
} from '../../../services/play/inject-link.service.js';
import { DecisionBody } from '../branching/schema.js';
import { problems } from '../common.schema.js';
import { LinkedInjectSchema, PlayerReportSchema, ReportBody } from './schema.js';

const TokenParams = Type.Object({
  // Any other shape is answered as an unknown token is, by the service: not found, nothing told.
  token: Type.String({ minLength: 1, maxLength: 200, description: 'the token of the link (22 characters)' }),
});
/** A 5 MiB photo in base64 is 6.7 MiB; the JSON around it is small. */
const REPORT_BODY_LIMIT = 7 * 1024 * 1024;

/**
 * One fired inject, opened by the link its e-mail or SMS carried to a player without an account:
 * the token is the only credential and opens that inject alone. Registered inside the play routes,
 * which register the schemas these refer to.
 */
export const injectLinkRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(LinkedInjectSchema);
  const tags = ['play'];
  const config = { access: 'public' } as const;

  app.get(
    '/inject-links/:token',
    {
      config,
      schema: {
        tags,
        summary: 'The inject a player without an account was sent a link to (first opening is stamped)',
        params: TokenParams,
        response: { 200: Type.Ref(LinkedInjectSchema), ...problems },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return openInjectLink(ctx, request.params.token);
    },
  );

  app.post(
    '/inject-links/:token/acknowledge',
    {
      config,
      schema: {
        tags,
        summary: 'Acknowledges the inject; again is a no-op answering the first time',
        params: TokenParams,
        response: { 200: Type.Ref(LinkedInjectSchema), ...problems },
      },
    },
    async (request) => acknowledgeByLink(ctx, request.params.token),
  );

  app.post(
    '/inject-links/:token/reports',
    {
      bodyLimit: REPORT_BODY_LIMIT,
      config,
      schema: {
        tags,
        summary: 'Reports what was done about the inject, logged against it with the person’s team',
        params: TokenParams,
        body: ReportBody,
        response: { 201: Type.Ref(PlayerReportSchema), ...problems },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reportByLink(ctx, request.params.token, request.body)),
  );

  app.post(
    '/inject-links/:token/decision',
    {
      config,
      schema: {
        tags,
        summary: 'Answers the question the inject asks; the first answer counts',
        params: TokenParams,
        body: DecisionBody,
        response: { 200: Type.Ref(LinkedInjectSchema), ...problems },
      },
    },
    async (request) => decideByLink(ctx, request.params.token, request.body.option),
  );
};
