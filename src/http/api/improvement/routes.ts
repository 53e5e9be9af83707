import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { setItemStatus, setItemTestIn } from '../../../services/improvement/changes.service.js';
import {
  createItem,
  exerciseItems,
  getItem,
  listItems,
} from '../../../services/improvement/items.service.js';
import { decideProposal } from '../../../services/improvement/proposals.service.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, Items, problems } from '../common.schema.js';
import {
  DecisionBody,
  DecisionSchema,
  ImprovementBody,
  ImprovementItemSchema,
  ImprovementQuery,
  StatusBody,
  TestInBody,
} from './schema.js';

const ItemParams = Type.Object({ itemId: Id });
const ProposalParams = Type.Object({ id: Id, itemId: Id });

/**
 * The improvement plan: corrective actions tracked across exercises (decision 0031). Reading is for
 * directors, planners and evaluators within their organisations' scope; changing for directors and
 * planners; an evaluator raises items from observations only. What is proposed to a later exercise
 * is decided by whoever plans it.
 */
export const improvementRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(ImprovementItemSchema);
  const Item = Type.Ref(ImprovementItemSchema);
  const tags = ['improvement'];

  app.get(
    '/improvement',
    {
      config: { access: 'improvement:read', scope: 'filtered' },
      schema: {
        tags,
        summary: 'Improvement items across every exercise the caller’s scope reaches, filtered',
        querystring: ImprovementQuery,
        response: { 200: Items(Item), ...problems },
      },
    },
    async (request) => {
      const q = request.query;
      return {
        items: await listItems(ctx, principalOf(request).actor, {
          status: q.status,
          organisationId: q.organisationId,
          capabilityId: q.capabilityId,
          exerciseId: q.exerciseId,
          overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        }),
      };
    },
  );

  app.post(
    '/improvement',
    {
      config: { access: 'improvement:read', scope: 'filtered' },
      schema: {
        tags,
        summary: 'Raise an improvement item (an evaluator: from an observation only)',
        body: ImprovementBody,
        response: { 201: Item, ...problems },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.code(201).send(await createItem(ctx, p.info, p.actor, request.body));
    },
  );

  app.get(
    '/improvement/:itemId',
    {
      config: { access: 'improvement:read', scope: 'filtered' },
      schema: {
        tags,
        summary: 'One improvement item',
        params: ItemParams,
        response: { 200: Item, ...problems },
      },
    },
    async (request) => getItem(ctx, principalOf(request).actor, request.params.itemId),
  );

  app.post(
    '/improvement/:itemId/status',
    {
      config: { access: 'improvement:manage', scope: 'filtered' },
      schema: {
        tags,
        summary: 'Move an item to another status (open, in_progress, completed, cancelled); audited',
        params: ItemParams,
        body: StatusBody,
        response: { 200: Item, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return setItemStatus(ctx, p.info, p.actor, request.params.itemId, request.body);
    },
  );

  app.post(
    '/improvement/:itemId/test-in',
    {
      config: { access: 'improvement:manage', scope: 'filtered' },
      schema: {
        tags,
        summary: 'Mark an item to be tested in a later exercise, where it is proposed as an objective',
        params: ItemParams,
        body: TestInBody,
        response: { 200: Item, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return setItemTestIn(ctx, p.info, p.actor, request.params.itemId, request.body);
    },
  );

  app.get(
    '/exercises/:id/improvement',
    {
      config: { access: 'improvement:read' },
      schema: {
        tags,
        summary: 'The items an exercise raised, and those proposed to be tested in it',
        params: IdParams,
        response: {
          200: Type.Object({ raised: Type.Array(Item), proposed: Type.Array(Item), mayPlan: Type.Boolean() }),
          ...problems,
        },
      },
    },
    async (request) => exerciseItems(ctx, principalOf(request).actor, request.params.id),
  );

  app.post(
    '/exercises/:id/improvement/proposals/:itemId',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Accept a proposed item as an objective of this exercise, or dismiss it',
        params: ProposalParams,
        body: DecisionBody,
        response: { 200: DecisionSchema, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return decideProposal(
        ctx,
        p.info,
        p.actor,
        request.params.id,
        request.params.itemId,
        request.body.decision,
      );
    },
  );
};
