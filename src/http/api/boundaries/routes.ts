import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  getBoundary,
  importBoundarySet,
  listBoundaries,
  listBoundarySets,
  removeBoundarySet,
} from '../../../services/boundaries/boundaries.service.js';
import type { AppContext } from '../../../services/context.js';
import { principalOf } from '../../access.js';
import { IdParams, Items, problems } from '../common.schema.js';
import {
  BOUNDARY_BODY_LIMIT,
  BoundaryQuery,
  BoundarySchema,
  BoundarySetSchema,
  BoundarySummarySchema,
  ImportedSetSchema,
  ImportSetBody,
  SetParams,
} from './schema.js';

/**
 * Boundary sets an administrator imports from GeoJSON, and the regions, districts and cities in
 * them that the alert composer picks from. They belong to no organisation: whoever reads alerts
 * reads them; only an administrator of the whole installation imports or removes a set.
 */
export const boundaryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(BoundarySummarySchema);
  app.addSchema(BoundarySchema);
  app.addSchema(BoundarySetSchema);
  const tags = ['alerts'];

  app.get(
    '/boundaries',
    {
      config: { access: 'alerts:read', scope: 'none' },
      schema: {
        tags,
        summary: 'Regions, districts and cities of every boundary set, without their outlines',
        querystring: BoundaryQuery,
        response: { 200: Items(Type.Ref(BoundarySummarySchema)), ...problems },
      },
    },
    async (request) => ({ items: await listBoundaries(ctx, request.query) }),
  );

  app.get(
    '/boundaries/:id',
    {
      config: { access: 'alerts:read', scope: 'none' },
      schema: {
        tags,
        summary: 'One boundary with its outline (GeoJSON, [lon, lat])',
        params: IdParams,
        response: { 200: Type.Ref(BoundarySchema), ...problems },
      },
    },
    async (request) => getBoundary(ctx, request.params.id),
  );

  app.get(
    '/boundary-sets',
    {
      config: { access: 'alerts:read', scope: 'none' },
      schema: {
        tags,
        summary: 'The boundary sets, with who imported each and when',
        response: { 200: Items(Type.Ref(BoundarySetSchema)), ...problems },
      },
    },
    async () => ({ items: await listBoundarySets(ctx) }),
  );

  app.put(
    '/boundary-sets/:name',
    {
      config: { access: 'boundaries:manage', scope: 'shared' },
      bodyLimit: BOUNDARY_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import a boundary set from GeoJSON, replacing the set of that name whole, or refusing all of it',
        params: SetParams,
        body: ImportSetBody,
        response: { 200: ImportedSetSchema, ...problems },
      },
    },
    async (request) =>
      importBoundarySet(ctx, principalOf(request).info, request.params.name, {
        approximate: request.body.approximate,
        geojson: request.body.geojson,
      }),
  );

  app.delete(
    '/boundary-sets/:name',
    {
      config: { access: 'boundaries:manage', scope: 'shared' },
      schema: {
        tags,
        summary: 'Remove a boundary set and every boundary in it',
        params: SetParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await removeBoundarySet(ctx, principalOf(request).info, request.params.name);
      return reply.status(204).send(null);
    },
  );
};
