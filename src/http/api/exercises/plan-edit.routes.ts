import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { reorderModules, updateModule } from '../../../services/planning/modules.service.js';
import { updateObjective } from '../../../services/planning/objectives.service.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, problems } from '../common.schema.js';
import { ModuleBody, ObjectivePatchBody } from './schema.js';

const ItemParams = Type.Object({ id: Id, itemId: Id });
const noContent = { 204: Type.Null(), ...problems };

/** Editing objectives (with their targets and tasks) and scenario modules in place: planners only. */
export const planEditRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['exercises'];
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return [p.info, p.actor] as const;
  };

  app.patch(
    '/exercises/:id/objectives/:itemId',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary:
          'Change an objective: its text, and its capability targets and critical tasks as a whole list',
        params: ItemParams,
        body: ObjectivePatchBody,
        response: noContent,
      },
    },
    async (request, reply) => {
      await updateObjective(ctx, ...who(request), request.params.id, request.params.itemId, request.body);
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/exercises/:id/modules/:itemId',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Change a scenario module (tabletop)',
        params: ItemParams,
        body: ModuleBody,
        response: noContent,
      },
    },
    async (request, reply) => {
      await updateModule(ctx, ...who(request), request.params.id, request.params.itemId, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/exercises/:id/modules/reorder',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Put the scenario modules in this order',
        params: IdParams,
        body: Type.Object(
          { ids: Type.Array(Id, { minItems: 1, maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: noContent,
      },
    },
    async (request, reply) => {
      await reorderModules(ctx, ...who(request), request.params.id, request.body.ids);
      return reply.status(204).send(null);
    },
  );
};
