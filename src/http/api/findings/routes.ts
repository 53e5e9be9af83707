import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  createFinding,
  deleteFinding,
  listFindings,
  updateFinding,
} from '../../../services/evaluation/findings.service.js';
import { principalOf } from '../../access.js';
import { IdParams, Items, problems } from '../common.schema.js';
import { CapabilityFindingsSchema, FindingBody, FindingChangeBody, FindingParams } from './schema.js';

/**
 * Strengths and areas for improvement under their exercise (decision 0033). Read with the
 * observations (evaluators and directors until the report is final); written by evaluators and
 * directors. Every answer is the whole list, renumbered.
 */
export const findingRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(CapabilityFindingsSchema);
  const List = Items(Type.Ref(CapabilityFindingsSchema));
  const tags = ['findings'];

  app.get(
    '/exercises/:id/findings',
    {
      config: { access: 'observations:read' },
      schema: {
        tags,
        summary: 'Strengths and areas for improvement per core capability, with their references',
        params: IdParams,
        response: { 200: List, ...problems },
      },
    },
    async (request) => ({ items: await listFindings(ctx, principalOf(request).actor, request.params.id) }),
  );

  app.post(
    '/exercises/:id/findings',
    {
      config: { access: 'findings:write' },
      schema: {
        tags,
        summary: 'Write a strength or area for improvement; it takes the next number of its capability',
        params: IdParams,
        body: FindingBody,
        response: { 201: List, ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const items = await createFinding(ctx, p.info, p.actor, request.params.id, request.body);
      reply.status(201);
      return { items };
    },
  );

  app.patch(
    '/exercises/:id/findings/:findingId',
    {
      config: { access: 'findings:write' },
      schema: {
        tags,
        summary: 'Change a finding’s text, analysis or evidence',
        params: FindingParams,
        body: FindingChangeBody,
        response: { 200: List, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        items: await updateFinding(
          ctx,
          p.info,
          p.actor,
          request.params.id,
          request.params.findingId,
          request.body,
        ),
      };
    },
  );

  app.delete(
    '/exercises/:id/findings/:findingId',
    {
      config: { access: 'findings:write' },
      schema: {
        tags,
        summary: 'Remove a finding; the later ones of its capability and kind move up a number',
        params: FindingParams,
        response: { 200: List, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        items: await deleteFinding(ctx, p.info, p.actor, request.params.id, request.params.findingId),
      };
    },
  );
};
