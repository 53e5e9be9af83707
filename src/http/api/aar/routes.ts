import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  editSections,
  exportReport,
  finaliseReport,
  generateReport,
  getVersion,
  listVersions,
  shareReport,
} from '../../../services/aar/aar.service.js';
import type { AppContext } from '../../../services/context.js';
import { principalOf } from '../../access.js';
import { IdParams, Items, problems } from '../common.schema.js';
import {
  AarContentSchema,
  ChangeSchema,
  ExportQuery,
  SectionEditsBody,
  VersionParams,
  VersionSummarySchema,
} from './schema.js';

/**
 * The after-action report and improvement plan of an exercise (decision 0030). Drafting, editing,
 * finalising and sharing are the directors' (`reports:write`); reading is its directors' and
 * evaluators' (`reports:read`), and its players' once the director shares a final version — so the
 * reading routes let every reader of the exercise ask and the service decides.
 */
export const aarRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(AarContentSchema);
  app.addSchema(VersionSummarySchema);
  const Summary = Type.Ref(VersionSummarySchema);
  const Version = Type.Intersect([
    Summary,
    Type.Object({
      content: Type.Ref(AarContentSchema),
      changes: Type.Union([Type.Array(ChangeSchema), Type.Null()]),
    }),
  ]);
  const tags = ['reports'];

  app.post(
    '/exercises/:id/report/versions',
    {
      config: { access: 'reports:write' },
      schema: {
        tags,
        summary:
          'Draft the report from the data in one action: a new version, keeping the sections edited by hand, with what changed since the last',
        params: IdParams,
        response: { 200: Version, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return generateReport(ctx, p.info, p.actor, request.params.id);
    },
  );

  app.get(
    '/exercises/:id/report/versions',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary: 'The report’s versions, latest first (players: only the final one shared with them)',
        params: IdParams,
        response: { 200: Items(Summary), ...problems },
      },
    },
    async (request) => ({ items: await listVersions(ctx, principalOf(request).actor, request.params.id) }),
  );

  app.get(
    '/exercises/:id/report/versions/:version',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary: 'One version with its content and what changed from the version before it',
        params: VersionParams,
        response: { 200: Version, ...problems },
      },
    },
    async (request) => getVersion(ctx, principalOf(request).actor, request.params.id, request.params.version),
  );

  app.patch(
    '/exercises/:id/report/versions/:version',
    {
      config: { access: 'reports:write' },
      schema: {
        tags,
        summary:
          'Replace whole sections: a draft is rewritten; a final version stays as it was and the edit becomes a new version',
        params: VersionParams,
        body: SectionEditsBody,
        response: { 200: Version, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return editSections(
        ctx,
        p.info,
        p.actor,
        request.params.id,
        request.params.version,
        request.body.sections,
      );
    },
  );

  app.post(
    '/exercises/:id/report/versions/:version/finalise',
    {
      config: { access: 'reports:write' },
      schema: {
        tags,
        summary: 'Make a draft final (audited); it is never written again',
        params: VersionParams,
        response: { 200: Version, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return finaliseReport(ctx, p.info, p.actor, request.params.id, request.params.version);
    },
  );

  app.post(
    '/exercises/:id/report/versions/:version/share',
    {
      config: { access: 'reports:write' },
      schema: {
        tags,
        summary: 'Share a final version with the exercise’s players, or withdraw it (audited)',
        params: VersionParams,
        body: Type.Object({ shared: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Version, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return shareReport(
        ctx,
        p.info,
        p.actor,
        request.params.id,
        request.params.version,
        request.body.shared,
      );
    },
  );

  app.get(
    '/exercises/:id/report/export',
    {
      config: { access: 'exercises:read' },
      schema: {
        tags,
        summary:
          'The report as editable DOCX, PDF (the DOCX converted by LibreOffice) or self-contained HTML, charts included',
        params: IdParams,
        querystring: ExportQuery,
        response: { 200: Type.String({ description: 'The document' }), ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const doc = await exportReport(
        ctx,
        p.info,
        p.actor,
        request.params.id,
        request.query.format,
        request.query.version,
      );
      return reply
        .type(doc.contentType)
        .header(
          'content-disposition',
          `${request.query.format === 'html' ? 'inline' : 'attachment'}; filename="${doc.filename}"`,
        )
        .header('cache-control', 'private, no-store')
        .send(doc.body);
    },
  );
};
