import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { renderDocument } from '../../../services/planning/documents/documents.service.js';
import { DOCUMENT_LANGS } from '../../../services/planning/documents/i18n/strings.js';
import type { DocumentFormat, DocumentKind } from '../../../services/planning/documents/model.js';
import { principalOf } from '../../access.js';
import { Id, problems } from '../common.schema.js';

/** Documents for participants, generated from the plan on each request. */
export const documentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/exercises/:id/documents/:file',
    {
      // Everyone who may read the exercise may ask; the service refuses players the controllers' documents.
      config: { access: 'exercises:read' },
      schema: {
        tags: ['documents'],
        summary:
          'ExPlan (players and observers), SitMan or Controller/Evaluator Handbook (controllers and evaluators only), as HTML or DOCX',
        params: Type.Object({
          id: Id,
          file: Type.String({
            pattern: '^(explan|sitman|handbook)\\.(html|docx)$',
            description: 'explan.html, sitman.docx, handbook.html, …',
          }),
        }),
        querystring: Type.Object(
          {
            lang: Type.Optional(
              Type.Union(
                DOCUMENT_LANGS.map((l) => Type.Literal(l)),
                {
                  description:
                    "Language of the document's fixed text (headings, labels, rules): kk, ru or en; default: the reader's locale. The exercise's own data is printed as entered.",
                },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'The document' }), ...problems },
      },
    },
    async (request, reply) => {
      const [kind, format] = request.params.file.split('.') as [DocumentKind, DocumentFormat];
      const p = principalOf(request);
      const lang = request.query.lang ?? p.user.locale;
      const doc = await renderDocument(ctx, p.info, p.actor, request.params.id, kind, format, lang);
      return reply
        .type(doc.contentType)
        .header(
          'content-disposition',
          `${format === 'html' ? 'inline' : 'attachment'}; filename="${doc.filename}"`,
        )
        .header('content-language', lang)
        .header('cache-control', 'private, no-store')
        .send(doc.body);
    },
  );
};
