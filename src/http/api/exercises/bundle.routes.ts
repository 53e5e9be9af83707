import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import { importBundle } from '../../../services/planning/bundle-import.service.js';
import { BundleSchema } from '../../../services/planning/bundle.schema.js';
import { exportBundle, type ExerciseBundle } from '../../../services/planning/bundle.service.js';
import { principalOf } from '../../access.js';
import { jsonInPieces } from './bundle-json.js';
import { Id, IdParams, problems } from '../common.schema.js';
import { readBundleBody } from './bundle-body.js';

/** Largest bundle accepted: an exercise with a long MSEL and detailed venue footprints. */
const BUNDLE_BODY_LIMIT = 50 * 1024 * 1024;

/** A whole exercise out as one JSON document, and in again elsewhere with fresh ids. */
export const bundleRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(BundleSchema);
  const tags = ['exercises'];

  app.get(
    '/exercises/:id/bundle',
    {
      // The bundle carries the MSEL and controller notes: the controllers' side only.
      config: { access: 'msel:read' },
      schema: {
        tags,
        summary: 'The whole exercise (plan, teams, venues, objectives, MSEL with approval) as one JSON',
        params: IdParams,
        response: { 200: Type.Ref(BundleSchema), ...problems },
      },
    },
    async (request, reply) => {
      const bundle = await exportBundle(ctx, principalOf(request).actor, request.params.id);
      // Written a piece at a time (bundle-json.ts), which the serializer and its check never see.
      app.checkResponse?.(request, 200, bundle);
      return reply
        .header('content-disposition', `attachment; filename="exercise-${request.params.id}.json"`)
        .type('application/json; charset=utf-8')
        .send(Readable.from(jsonInPieces({ ...bundle })));
    },
  );
  // In a scope of its own: this route alone takes its JSON body as bytes, read off the main thread.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: BUNDLE_BODY_LIMIT },
      (_r, body, done) => done(null, body),
    );
    scope.post(
      '/exercises/import-bundle',
      {
        config: { access: 'exercises:plan' },
        bodyLimit: BUNDLE_BODY_LIMIT,
        // The schema documents the body in OpenAPI; readBundleBody validates it with the same schema
        // and the same Ajv settings, in a worker thread for a large bundle.
        validatorCompiler: () => () => true,
        schema: {
          tags,
          summary:
            'Create a new exercise from a bundle: fresh ids, every reference rewritten, all or nothing',
          body: Type.Ref(BundleSchema),
          response: { 201: Type.Object({ id: Id }), ...problems },
        },
      },
      async (request, reply) => {
        const bundle = (await readBundleBody(request.body as Buffer)) as ExerciseBundle;
        const p = principalOf(request);
        reply.status(201);
        return { id: await importBundle(ctx, p.info, p.actor, bundle) };
      },
    );
  });
};
