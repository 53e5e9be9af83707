import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { sirenReport } from '../../../services/sirens/siren.report.js';
import { createSiren, getSiren, listSirens, updateSiren } from '../../../services/sirens/sirens.service.js';
import { alertRepository } from '../../../store/alert.repository.js';
import { notFound } from '../../../errors.js';
import { requestLanguage } from '../../language.js';
import { principalOf } from '../../access.js';
import { IdParams, Items, problems } from '../common.schema.js';
import {
  CreateSirenBody,
  SirenCommandSchema,
  SirenReportSchema,
  SirenSchema,
  SirenWithKey,
  UpdateSirenBody,
} from './schema.js';

export const sirenRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(SirenSchema);
  app.addSchema(SirenCommandSchema);
  app.addSchema(SirenReportSchema);
  const Siren = Type.Ref(SirenSchema);
  const tags = ['sirens'];

  app.get(
    '/sirens',
    {
      config: { access: 'alerts:read', scope: 'filtered' },
      schema: {
        tags,
        summary: 'The siren registry: where each siren stands and what it last reported',
        response: { 200: Items(Siren), ...problems },
      },
    },
    async (request) => ({ items: await listSirens(ctx, principalOf(request).actor) }),
  );

  app.post(
    '/sirens',
    {
      config: { access: 'sirens:manage' },
      schema: {
        tags,
        summary: 'Register a siren; the answer carries its command key, shown this once',
        body: CreateSirenBody,
        response: { 201: SirenWithKey, ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const created = await createSiren(ctx, p.info, request.body, p.actor);
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/sirens/:id',
    {
      config: { access: 'alerts:read' },
      schema: { tags, summary: 'One siren', params: IdParams, response: { 200: Siren, ...problems } },
    },
    async (request) => getSiren(ctx, request.params.id, principalOf(request).actor),
  );

  app.patch(
    '/sirens/:id',
    {
      config: { access: 'sirens:manage' },
      schema: {
        tags,
        summary: 'Change a siren (over the version read); rotateKey makes a new command key',
        params: IdParams,
        body: UpdateSirenBody,
        response: { 200: SirenWithKey, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { version, ...input } = request.body;
      return updateSiren(ctx, p.info, request.params.id, version, input, p.actor);
    },
  );

  app.get(
    '/alerts/:id/sirens',
    {
      config: { access: 'alerts:read' },
      schema: {
        tags: ['alerts', 'sirens'],
        summary: "The alert's siren commands: acknowledged, waiting, and those that did not answer in time",
        params: IdParams,
        response: { 200: Type.Ref(SirenReportSchema), ...problems },
      },
    },
    async (request) => {
      const row = await alertRepository.get(ctx.db.kysely, request.params.id);
      if (!row) throw notFound('The alert');
      return sirenReport(ctx, row.thread_id, requestLanguage(request));
    },
  );
};
