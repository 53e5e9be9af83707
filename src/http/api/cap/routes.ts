/**
 * POST /cap/validate: anyone can check a CAP message against Dabyl's validator, as they would against
 * a public validator. Thin: read the body, call the CAP library's checkCap, answer its report.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { checkCap, UnknownProfileError } from '../../../cap/index.js';
import { AppError, invalid } from '../../../errors.js';
import { CapFindingSchema, CapReportSchema, CapValidateQuery } from './schema.js';
import { capSignatureCheck } from '../../../cap/dsig/index.js';

/** Largest message accepted over HTTP; CAP with an embedded image stays well below. */
const BODY_LIMIT = 5 * 1024 * 1024;
const XML_TYPES = ['application/xml', 'text/xml', 'application/cap+xml'];

function xmlOf(body: unknown): Uint8Array | string {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'object' && body !== null && typeof (body as { xml?: unknown }).xml === 'string') {
    return (body as { xml: string }).xml;
  }
  throw invalid('xml', 'send the CAP message as an XML body, or as JSON {"xml": "…"}');
}

/** The CAP routes; mounted under /api/v1. */
export const capRoutes: FastifyPluginAsync = async (app) => {
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
      config: { access: 'public' },
      schema: {
        tags: ['cap'],
        summary: 'Validate a CAP message',
        description:
          'Send a CAP 1.0, 1.1 or 1.2 message (bare, or in Atom, RSS or EDXL-DE) as application/xml, text/xml or ' +
          'application/cap+xml, or as JSON {"xml": "…"}. The answer lists every problem with its element path, ' +
          'severity, rule and a sentence. An invalid message is still a 200 answer: valid is false.',
        querystring: CapValidateQuery,
        response: { 200: Type.Ref(CapReportSchema) },
      },
    },
    async (request) => {
      const profiles = (request.query.profile ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      try {
        return await checkCap(xmlOf(request.body), { profiles, verifySignature: capSignatureCheck });
      } catch (err) {
        if (err instanceof UnknownProfileError)
          throw new AppError('invalid_input', 422, err.message, 'profile');
        throw err;
      }
    },
  );
};
