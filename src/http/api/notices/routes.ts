import { requestLanguage, withSentences, wordNoticeProblems } from '../../language.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  cancelNotice,
  correctNotice,
  createNotice,
  getNotice,
  type Notice as NoticeView,
  listNotices,
  noticeHistory,
  previewNotice,
  publishNotice,
  returnNotice,
  submitNotice,
  updateNotice,
} from '../../../services/notices/notices.service.js';
import { getNoticeCap } from '../../../services/notices/public-notices.service.js';
import { notFound } from '../../../errors.js';
import { principalOf } from '../../access.js';
import { problems } from '../common.schema.js';
import { escapeHtml } from '../../portal/html.js';
import { texts } from '../../portal/i18n.js';
import { renderNoticePage } from '../../portal/pages/notice.page.js';
import {
  CapParams,
  CapQuery,
  CreateNoticeBody,
  IdOrSlugParams,
  NoticeHistorySchema,
  NoticeQuery,
  NoticeSchema,
  NoticeSummarySchema,
  PatchNoticeBody,
  PreviewQuery,
  PublishBody,
  ReasonBody,
  VersionBody,
} from './schema.js';

/**
 * Public notices in the console: PIOs draft, a second person publishes, corrections go out as CAP
 * Updates and cancellations as CAP Cancels. The public site reads published revisions elsewhere.
 */
export const noticeRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(NoticeSchema);
  app.addSchema(NoticeSummarySchema);
  const Notice = Type.Ref(NoticeSchema);
  const tags = ['notices'];
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return [p.info, p.actor] as const;
  };

  app.get(
    '/notices',
    {
      config: { access: 'notices:read', scope: 'filtered' },
      schema: {
        tags,
        summary: 'Notices (working copies), filtered by status, exercise, city or window',
        querystring: NoticeQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(NoticeSummarySchema)) }), ...problems },
      },
    },
    async (request) => ({ items: await listNotices(ctx, request.query, principalOf(request).actor) }),
  );
  app.post(
    '/notices',
    {
      config: { access: 'notices:draft' },
      schema: {
        tags,
        summary: 'Create a draft notice, blank or from an exercise (its zones, closures, city and window)',
        body: CreateNoticeBody,
        response: { 201: Notice, ...problems },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return wordNoticeProblems(
        await createNotice(ctx, ...who(request), request.body),
        requestLanguage(request),
      );
    },
  );
  app.get(
    '/notices/:id',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'A notice by id or slug: working copy, published revisions, and what you may do',
        params: IdOrSlugParams,
        response: { 200: Notice, ...problems },
      },
    },
    async (request) => {
      const [info, actor] = who(request);
      return wordNoticeProblems(
        await getNotice(ctx, actor, info, request.params.id),
        requestLanguage(request),
      );
    },
  );
  app.patch(
    '/notices/:id',
    {
      config: { access: 'notices:draft' },
      schema: {
        tags,
        summary: 'Edit the working copy (a published notice: starts a correction)',
        params: IdOrSlugParams,
        body: PatchNoticeBody,
        response: { 200: Notice, ...problems },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      const notice = await updateNotice(ctx, ...who(request), request.params.id, version, patch);
      return wordNoticeProblems(notice, requestLanguage(request));
    },
  );
  const step = (
    path: string,
    access: 'notices:draft' | 'notices:publish' | 'notices:read',
    summary: string,
    body: typeof VersionBody | typeof PublishBody | typeof ReasonBody,
    run: (
      info: ReturnType<typeof who>[0],
      actor: ReturnType<typeof who>[1],
      id: string,
      body: { version?: number; note?: string | null; reason?: string },
    ) => Promise<unknown>,
  ) =>
    app.post(
      `/notices/:id/${path}`,
      {
        config: { access },
        schema: { tags, summary, params: IdOrSlugParams, body, response: { 200: Notice, ...problems } },
      },
      async (request) => {
        const [info, actor] = who(request);
        const notice = (await run(info, actor, request.params.id, request.body as never)) as NoticeView;
        return wordNoticeProblems(notice, requestLanguage(request)) as never;
      },
    );
  step(
    'submit',
    'notices:draft',
    'Submit the draft for review by another person',
    VersionBody,
    (i, a, id, b) => submitNotice(ctx, i, a, id, b.version!),
  );
  step(
    'return',
    'notices:read',
    'Send a notice in review back to draft, with a reason',
    ReasonBody,
    (i, a, id, b) => returnNotice(ctx, i, a, id, b.version!, b.reason!),
  );
  step(
    'publish',
    'notices:publish',
    'Publish the notice in review (never your own draft): revision 1 is a CAP Alert, later ones CAP Updates',
    PublishBody,
    (i, a, id, b) => publishNotice(ctx, i, a, id, b.version!, b.note),
  );
  step('correct', 'notices:draft', 'Start a correction of a published notice', VersionBody, (i, a, id, b) =>
    correctNotice(ctx, i, a, id, b.version!),
  );
  step('cancel', 'notices:publish', 'Cancel a published notice (a CAP Cancel)', ReasonBody, (i, a, id, b) =>
    cancelNotice(ctx, i, a, id, b.version, b.reason!),
  );
  app.get(
    '/notices/:id/preview',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'The public page as it will look once the working copy is published (HTML, not stored)',
        params: IdOrSlugParams,
        querystring: PreviewQuery,
        response: { 200: Type.String({ description: 'text/html' }), ...problems },
      },
    },
    async (request, reply) => {
      const notice = await previewNotice(ctx, request.params.id);
      const lang = request.query.lang;
      const page = renderNoticePage({
        notice,
        lang,
        now: ctx.clock.now(),
        baseUrl: '',
        streetMap: ctx.config.basemap !== undefined,
      });
      const banner = `<div role="status" style="background:#fff3bf;border-bottom:2px solid #f08c00;padding:8px 16px;font-weight:600">${escapeHtml(texts(lang).notice.previewBanner)}</div>`;
      return (
        reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          // Framed by the console's publish confirmation only; no script runs in a preview.
          .header(
            'content-security-policy',
            "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
          )
          .header('x-frame-options', 'SAMEORIGIN')
          .send(page.replace(/<body([^>]*)>/, (m) => `${m}${banner}`))
      );
    },
  );
  app.get(
    '/notices/:id/history',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'Every audited step of the notice, oldest first',
        params: IdOrSlugParams,
        response: { 200: NoticeHistorySchema, ...problems },
      },
    },
    async (request) => ({
      items: withSentences(
        await noticeHistory(ctx, request.params.id, principalOf(request).actor),
        requestLanguage(request),
      ),
    }),
  );
  app.get(
    '/notices/:id/cap',
    {
      config: { access: 'notices:read', scope: 'none' },
      schema: {
        tags,
        summary: 'The CAP 1.2 XML of a published revision (the newest when no revision is given)',
        params: CapParams,
        querystring: CapQuery,
        response: { 200: Type.String({ description: 'application/cap+xml' }), ...problems },
      },
    },
    async (request, reply) => {
      const xml = await getNoticeCap(ctx, request.params.id, request.query.revision);
      if (xml === null) throw notFound('That revision of the notice');
      return reply.type('application/cap+xml; charset=utf-8').send(xml);
    },
  );
};
