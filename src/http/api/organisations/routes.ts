import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  addUnit,
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../../../services/organisations.service.js';
import { principalOf } from '../../access.js';
import { IdParams, Items, problems } from '../common.schema.js';
import { CreateBody, OrganisationSchema, UnitBody, UnitSchema, UpdateBody } from './schema.js';

export const organisationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(UnitSchema);
  app.addSchema(OrganisationSchema);
  const Organisation = Type.Ref(OrganisationSchema);
  const tags = ['organisations'];

  app.get(
    '/organisations',
    {
      config: { access: 'orgs:read' },
      schema: {
        tags,
        summary: 'Agencies taking part, with their units',
        response: { 200: Items(Organisation), ...problems },
      },
    },
    async () => ({
      items: await listOrganisations(ctx),
    }),
  );

  app.post(
    '/organisations',
    {
      config: { access: 'orgs:manage', scope: 'shared' },
      schema: {
        tags,
        summary: 'Add an agency',
        body: CreateBody,
        response: { 201: Organisation, ...problems },
      },
    },
    async (request, reply) => {
      reply.status(201);
      const p = principalOf(request);
      return createOrganisation(ctx, p.info, request.body, p.actor);
    },
  );

  app.get(
    '/organisations/:id',
    {
      config: { access: 'orgs:read', scope: 'none' },
      schema: { tags, summary: 'One agency', params: IdParams, response: { 200: Organisation, ...problems } },
    },
    async (request) => getOrganisation(ctx, request.params.id),
  );

  app.patch(
    '/organisations/:id',
    {
      config: { access: 'orgs:manage' },
      schema: {
        tags,
        summary: 'Rename or re-classify an agency',
        params: IdParams,
        body: UpdateBody,
        response: { 200: Organisation, ...problems },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return updateOrganisation(ctx, p.info, request.params.id, request.body, p.actor);
    },
  );

  app.post(
    '/organisations/:id/units',
    {
      config: { access: 'orgs:manage' },
      schema: {
        tags,
        summary: 'Add a unit (patrol, team, brigade)',
        params: IdParams,
        body: UnitBody,
        response: { 201: Type.Ref(UnitSchema), ...problems },
      },
    },
    async (request, reply) => {
      reply.status(201);
      const p = principalOf(request);
      return addUnit(ctx, p.info, request.params.id, request.body.name, p.actor);
    },
  );
};
