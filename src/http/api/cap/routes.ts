/**
 * POST /cap/validate: anyone can check a CAP message against Dabyl's validator, as they would against
 * a public validator. Thin: read the body, call the CAP library's checkCap (off the main thread for a
 * large message), answer its report. Being
 * anonymous and parsing XML, it is rate-limited per address (DABYL_CAP_VALIDATE_PER_MINUTE).
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { CAP_PROFILES, UnknownProfileError } from '../../../cap/index.js';
import { AppError, badField } from '../../../errors.js';
import { CapFindingSchema, CapReportSchema, CapValidateQuery } from './schema.js';
import { checkCapAside } from '../../../services/cap/check-off-thread.js';
import type { AppContext } from '../../../services/context.js';
import { problems } from '../common.schema.js';
import { requestLanguage, wordFindings } from '../../language.js';

/** Largest message accepted over HTTP; CAP with an embedded image stays well below. */
const BODY_LIMIT = 5 * 1024 * 1024;
const XML_TYPES = ['application/xml', 'text/xml', 'application/cap+xml'];

function xmlOf(body: unknown): Uint8Array | string {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'object' && body !== null && typeof (body as { xml?: unknown }).xml === 'string') {
    return (body as { xml: string }).xml;
  }
  throw badField('xml', 'cap_xml_body', { xml: 'XML', example: '{"xml": "…"}' });
}

/** The CAP routes; mounted under /api/v1. */
export const capRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const perMinute = ctx.config.capValidatePerMinute;
  // Scoped to this plugin: XML bodies arrive as bytes so the document's own encoding declaration decides.
  app.addContentTypeParser(XML_TYPES, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    done(null, body);
  });
  app.addSchema(CapFindingSchema);
  app.addSchema(CapReportSchema);

  app.post<{ Querystring: CapValidateQuery }>(
    '/cap/validate',
    {
      bodyLimit: BODY_LIMIT,
      config: {
        access: 'public',
        // Checked in onRequest, before the body is read: a flood costs no parsing.
        rateLimit: {
          max: perMinute,
          timeWindow: 60_000,
          errorResponseBuilder: (_request, limit) =>
            new AppError(
              'rate_limited',
              429,
              `At most ${limit.max} CAP validations a minute are accepted from one address; try again in ${limit.after}.`,
            ),
        },
      },
      schema: {
        tags: ['cap'],
        summary: 'Validate a CAP message',
        description:
          `At most ${perMinute} a minute from one address (429 beyond). ` +
          'Send a CAP 1.0, 1.1 or 1.2 message (bare, or in Atom, RSS or EDXL-DE) as application/xml, text/xml or ' +
          'application/cap+xml, or as JSON {"xml": "…"}. The answer lists every problem with its element path, ' +
          'severity, rule and a sentence in the language Accept-Language asks for (kk, ru or en; English by default). ' +
          'An invalid message is still a 200 answer: valid is false.',
        querystring: CapValidateQuery,
        response: { 200: Type.Ref(CapReportSchema), 429: problems[400], ...problems },
      },
    },
    async (request) => {
      const profiles = (request.query.profile ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      try {
        // A large message is checked in a thread of its own: the event loop keeps serving meanwhile.
        const report = await checkCapAside(xmlOf(request.body), profiles);
        const lang = requestLanguage(request);
        return {
          ...report,
          findings: wordFindings(report.findings, lang),
          messages: report.messages.map((m) => ({ ...m, findings: wordFindings(m.findings, lang) })),
        };
      } catch (err) {
        if (err instanceof UnknownProfileError)
          throw badField('profile', 'one_of', { allowed: [...CAP_PROFILES.keys()].join(', ') });
        throw err;
      }
    },
  );
};
