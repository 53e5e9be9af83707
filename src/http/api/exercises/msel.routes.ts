import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { inLanguage } from '../../../core/messages/messages.js';
import type { AppContext } from '../../../services/context.js';
import {
  addEvent,
  approveEvents,
  deleteEvent,
  getMsel,
  reorderEvents,
  submitEvents,
  updateEvent,
} from '../../../services/planning/msel.service.js';
import { principalOf } from '../../access.js';
import { requestLanguage } from '../../language.js';
import { Id, IdParams, problems } from '../common.schema.js';
import { EventBody, IdsBody, MselEventSchema, MselSchema, UpdateEventBody } from './schema.js';

const EventParams = Type.Object({ id: Id, eventId: Id });

/** The MSEL: read by controllers, evaluators and planners, never by players. */
export const mselRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(MselEventSchema);
  app.addSchema(MselSchema);
  const Event = Type.Ref(MselEventSchema);
  const tags = ['msel'];
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return [p.info, p.actor] as const;
  };

  app.get(
    '/exercises/:id/msel',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'The MSEL with both times per event and its validation findings',
        params: IdParams,
        response: { 200: Type.Ref(MselSchema), ...problems },
      },
    },
    async (request) => {
      const msel = await getMsel(ctx, principalOf(request).actor, request.params.id);
      return { ...msel, findings: inLanguage(msel.findings, requestLanguage(request)) };
    },
  );
  app.post(
    '/exercises/:id/msel/events',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Add an inject, controller information or facilitation note',
        params: IdParams,
        body: EventBody,
        response: { 201: Event, ...problems },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return addEvent(ctx, ...who(request), request.params.id, request.body);
    },
  );
  app.put(
    '/exercises/:id/msel/events/:eventId',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Edit an event; an approved one whose content changes goes back to review',
        params: EventParams,
        body: UpdateEventBody,
        response: { 200: Event, ...problems },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return updateEvent(ctx, ...who(request), request.params.id, request.params.eventId, version, input);
    },
  );
  app.delete(
    '/exercises/:id/msel/events/:eventId',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Remove an event',
        params: EventParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteEvent(ctx, ...who(request), request.params.id, request.params.eventId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/exercises/:id/msel/reorder',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Put events in this order (drag and drop)',
        params: IdParams,
        body: Type.Object(
          { ids: Type.Array(Id, { minItems: 1, maxItems: 100_000 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await reorderEvents(ctx, ...who(request), request.params.id, request.body.ids);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/exercises/:id/msel/submit',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Submit events (or every draft) for approval',
        params: IdParams,
        body: IdsBody,
        response: { 200: Type.Object({ submitted: Type.Integer() }), ...problems },
      },
    },
    async (request) => ({
      submitted: await submitEvents(ctx, ...who(request), request.params.id, request.body.ids),
    }),
  );
  app.post(
    '/exercises/:id/msel/approve',
    {
      config: { access: 'msel:approve' },
      schema: {
        tags,
        summary: 'Approve submitted events, or the whole MSEL; never your own',
        params: IdParams,
        body: IdsBody,
        response: {
          200: Type.Object({ approved: Type.Integer(), mselApproved: Type.Boolean() }),
          ...problems,
        },
      },
    },
    async (request) => approveEvents(ctx, ...who(request), request.params.id, request.body.ids),
  );
};
