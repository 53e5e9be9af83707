import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  acknowledgeInject,
  decideOnInject,
  injectProgress,
  playerView,
  reportOnInject,
  reportPhoto,
} from '../../../services/play/play.service.js';
import { confirmCommCheck } from '../../../services/conduct/comm-check.service.js';
import { principalOf } from '../../access.js';
import { languageOf } from '../../../core/messages/messages.js';
import { DecisionBody } from '../branching/schema.js';
import { injectLinkRoutes } from './link.routes.js';
import { Id, IdParams, Items, problem, problems } from '../common.schema.js';
import {
  InjectProgressSchema,
  PlayerCommCheckSchema,
  PlayerInjectSchema,
  PlayerReportSchema,
  PlayerViewSchema,
  ReportBody,
} from './schema.js';

const InjectParams = Type.Object({ id: Id, injectId: Id });
const ReportParams = Type.Object({ id: Id, reportId: Id });
/** A 5 MiB photo in base64 is 6.7 MiB; the JSON around it is small. */
const REPORT_BODY_LIMIT = 7 * 1024 * 1024;

/**
 * The players' side of a running exercise: their own team's fired injects, acknowledged and
 * reported on; and, for controllers, how far each inject got. Nothing here lists what has not
 * fired or what another team got.
 */
export const playRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(PlayerReportSchema);
  app.addSchema(PlayerInjectSchema);
  app.addSchema(PlayerCommCheckSchema);
  app.addSchema(PlayerViewSchema);
  app.addSchema(InjectProgressSchema);
  const tags = ['play'];
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return [p.info, p.actor] as const;
  };
  // The console's language: an inject's label and marking are shown in it, whatever they were delivered in.
  const reading = (request: Parameters<typeof principalOf>[0]) =>
    languageOf(request.headers['accept-language']);

  app.get(
    '/exercises/:id/play',
    {
      config: { access: 'exercises:play' },
      schema: {
        tags,
        summary: "The player view: the three clocks, NO PLAY, and the player's own team's fired injects",
        params: IdParams,
        response: { 200: Type.Ref(PlayerViewSchema), ...problems },
      },
    },
    async (request) => playerView(ctx, principalOf(request).actor, request.params.id, reading(request)),
  );

  app.post(
    '/exercises/:id/play/comm-check/confirm',
    {
      config: { access: 'exercises:play' },
      schema: {
        tags,
        summary: 'Say the latest communication check reached you; a second time answers the same',
        params: IdParams,
        response: { 200: Type.Ref(PlayerCommCheckSchema), ...problems },
      },
    },
    async (request) => confirmCommCheck(ctx, ...who(request), request.params.id),
  );

  app.post(
    '/exercises/:id/play/injects/:injectId/decision',
    {
      config: { access: 'exercises:play' },
      schema: {
        tags,
        summary:
          'Answer the question a fired inject of your team asks; the first answer counts, the same one again changes nothing',
        params: InjectParams,
        body: DecisionBody,
        response: { 200: Type.Ref(PlayerInjectSchema), ...problems },
      },
    },
    async (request) =>
      decideOnInject(
        ctx,
        ...who(request),
        request.params.id,
        request.params.injectId,
        request.body.option,
        reading(request),
      ),
  );

  app.post(
    '/exercises/:id/play/injects/:injectId/acknowledge',
    {
      config: { access: 'exercises:play' },
      schema: {
        tags,
        summary: 'Acknowledge a fired inject; a second time answers the same and changes nothing',
        params: InjectParams,
        response: { 200: Type.Ref(PlayerInjectSchema), ...problems },
      },
    },
    async (request) =>
      acknowledgeInject(ctx, ...who(request), request.params.id, request.params.injectId, reading(request)),
  );

  app.post(
    '/exercises/:id/play/injects/:injectId/reports',
    {
      bodyLimit: REPORT_BODY_LIMIT,
      config: { access: 'exercises:play' },
      schema: {
        tags,
        summary: 'Report an action on a fired inject: text, an optional photo (JPEG, PNG, WebP) and point',
        description:
          'A photo over 5 MiB answers 413 photo_too_large; one that is not the picture type it says answers 415 photo_type.',
        params: InjectParams,
        body: ReportBody,
        response: { 201: Type.Ref(PlayerReportSchema), 413: problem, 415: problem, ...problems },
      },
    },
    async (request, reply) => {
      const report = await reportOnInject(
        ctx,
        ...who(request),
        request.params.id,
        request.params.injectId,
        request.body,
      );
      return reply.code(201).send(report);
    },
  );

  app.get(
    '/exercises/:id/play/reports/:reportId/photo',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary: "A report's photo, for the controllers and the reporting team",
        params: ReportParams,
        response: { 200: Type.String({ description: 'the picture' }), ...problems },
      },
    },
    async (request, reply) => {
      const photo = await reportPhoto(
        ctx,
        principalOf(request).actor,
        request.params.id,
        request.params.reportId,
      );
      return reply
        .type(photo.type)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', 'inline')
        .send(photo.bytes);
    },
  );

  app.get(
    '/exercises/:id/injects/progress',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'Per fired inject: fired → delivered → acknowledged → first action, with the times',
        params: IdParams,
        response: { 200: Items(Type.Ref(InjectProgressSchema)), ...problems },
      },
    },
    async (request) => ({ items: await injectProgress(ctx, principalOf(request).actor, request.params.id) }),
  );
  await app.register(injectLinkRoutes, { ctx });
};
