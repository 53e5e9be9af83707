import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  copyFromCatalogue,
  deleteFromCatalogue,
  listCatalogue,
  saveEventToCatalogue,
  saveToCatalogue,
} from '../../../services/planning/catalogue.service.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, Instant, Items, Nullable, problems } from '../common.schema.js';

const Entry = Type.Object(
  {
    id: Id,
    hazard: Type.String(),
    coreCapabilityId: Nullable(Type.String()),
    kind: Type.String(),
    method: Type.String(),
    title: Type.String(),
    content: Type.String(),
    expectedAction: Nullable(Type.String()),
    criticalTaskTexts: Type.Array(Type.String()),
    createdAt: Instant,
  },
  { $id: 'CatalogueEntry' },
);
const EntryBody = Type.Union([
  Type.Object(
    {
      hazard: Type.String({ minLength: 1, maxLength: 100 }),
      coreCapabilityId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
      kind: Type.Optional(Type.String()),
      method: Type.String(),
      title: Type.String({ minLength: 1, maxLength: 300 }),
      content: Type.String({ maxLength: 20_000 }),
      expectedAction: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
      criticalTaskTexts: Type.Optional(Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 50 })),
    },
    { additionalProperties: false, title: 'A new entry' },
  ),
  Type.Object(
    {
      fromExercise: Id,
      fromEvent: Id,
      hazard: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    },
    { additionalProperties: false, title: 'An MSEL event saved for reuse' },
  ),
]);

/** The inject catalogue: read with the MSEL right, changed with catalogue:manage. */
export const catalogueRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(Entry);
  const tags = ['inject catalogue'];
  const who = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return [p.info, p.actor] as const;
  };

  app.get(
    '/inject-catalogue',
    {
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'Reusable injects, by hazard and core capability',
        querystring: Type.Object(
          {
            hazard: Type.Optional(Type.String({ maxLength: 100 })),
            capability: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(Type.Ref(Entry)), ...problems },
      },
    },
    async (request) => ({ items: await listCatalogue(ctx, request.query) }),
  );
  app.post(
    '/inject-catalogue',
    {
      config: { access: 'catalogue:manage', scope: 'shared' },
      schema: {
        tags,
        summary: 'Save an inject for reuse: new, or from an MSEL event with its links',
        body: EntryBody,
        response: { 201: Type.Ref(Entry), ...problems },
      },
    },
    async (request, reply) => {
      const body = request.body;
      reply.status(201);
      return 'fromEvent' in body
        ? saveEventToCatalogue(ctx, ...who(request), {
            exerciseId: body.fromExercise,
            eventId: body.fromEvent,
            hazard: body.hazard,
          })
        : saveToCatalogue(ctx, ...who(request), body);
    },
  );
  app.delete(
    '/inject-catalogue/:id',
    {
      config: { access: 'catalogue:manage', scope: 'shared' },
      schema: {
        tags,
        summary: 'Remove a catalogue entry',
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteFromCatalogue(ctx, ...who(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/exercises/:id/msel/from-catalogue',
    {
      config: { access: 'exercises:plan' },
      schema: {
        tags,
        summary: 'Copy catalogue entries into this MSEL as drafts, links mapped onto its objectives',
        params: IdParams,
        body: Type.Object(
          {
            entryIds: Type.Array(Id, { minItems: 1, maxItems: 500 }),
            offsetMinutes: Type.Optional(Type.Integer({ minimum: -527040, maximum: 527040 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Items(
            Type.Object({
              id: Id,
              number: Type.String(),
              catalogueId: Id,
              objectiveIds: Type.Array(Type.String()),
              criticalTaskIds: Type.Array(Type.String()),
            }),
          ),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return { items: await copyFromCatalogue(ctx, ...who(request), request.params.id, request.body) };
    },
  );
};
