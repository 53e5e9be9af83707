import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listMilestones, reachMilestone } from '../../../services/conduct/branching.service.js';
import type { AppContext } from '../../../services/context.js';
import { getBranching, setBranching } from '../../../services/planning/branching.service.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, Items, problems } from '../common.schema.js';
import {
  BranchingBody,
  BranchingPlanSchema,
  BranchingSchema,
  MilestoneBody,
  MilestoneSchema,
} from './schema.js';

/**
 * Branching: planners say which injects ask their players a question and which wait for a decision
 * or a milestone; controllers mark milestones reached. Decisions are taken in the player view
 * (play routes) or entered by a controller (conduct routes). None of this reaches players: it would
 * tell them which injects are still to come.
 */
export const branchingRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(BranchingSchema);
  app.addSchema(BranchingPlanSchema);
  app.addSchema(MilestoneSchema);
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return [p.info, p.actor] as const;
  };

  app.get(
    '/exercises/:id/branching',
    {
      config: { access: 'msel:read' },
      schema: {
        tags: ['msel'],
        summary: 'Which MSEL injects ask their players a question, which wait for a decision or a milestone',
        params: IdParams,
        response: { 200: Type.Ref(BranchingPlanSchema), ...problems },
      },
    },
    async (request) => getBranching(ctx, principalOf(request).actor, request.params.id),
  );

  app.put(
    '/exercises/:id/msel/:eventId/branching',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags: ['msel'],
        summary:
          'Set the question an inject asks and what it waits for; an approved event goes back to review',
        params: Type.Object({ id: Id, eventId: Id }),
        body: BranchingBody,
        response: { 200: Type.Ref(BranchingSchema), ...problems },
      },
    },
    async (request) =>
      setBranching(ctx, ...who(request), request.params.id, request.params.eventId, request.body),
  );

  app.get(
    '/exercises/:id/control/milestones',
    {
      config: { access: 'msel:read' },
      schema: {
        tags: ['conduct'],
        summary: 'The milestones injects wait for, and those reached, with when and by whom',
        params: IdParams,
        response: { 200: Items(Type.Ref(MilestoneSchema)), ...problems },
      },
    },
    async (request) => ({ items: await listMilestones(ctx, principalOf(request).actor, request.params.id) }),
  );

  app.post(
    '/exercises/:id/control/milestones',
    {
      config: { access: 'exercises:conduct' },
      schema: {
        tags: ['conduct'],
        summary: 'Mark a milestone reached: what waits for it is released; a second mark changes nothing',
        params: IdParams,
        body: MilestoneBody,
        response: { 200: Items(Type.Ref(MilestoneSchema)), ...problems },
      },
    },
    async (request) => ({
      items: await reachMilestone(ctx, ...who(request), request.params.id, request.body.milestone),
    }),
  );
};
