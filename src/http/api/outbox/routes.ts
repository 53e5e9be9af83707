import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../services/context.js';
import {
  deadLetters,
  fanOuts,
  outboxStatus,
  retryDeadLetters,
  retryDelivery,
  retryFanOut,
} from '../../../services/outbox/outbox.service.js';
import { subscriberStats } from '../../../services/subscriptions/subscriptions.service.js';
import { organisationsWhere } from '../../../core/policy/policy.js';
import { principalOf } from '../../access.js';
import { requestLanguage } from '../../language.js';
import { IdParams, Items, problems } from '../common.schema.js';
import { DeadLetter, FanOut, FanOutParams, OutboxSchema, RetryFilter, StatsSchema } from './schema.js';

/** The outbox as the console sees it: counts, dead letters, a retry; subscriber counts, never addresses. */
export const outboxRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['outbox'];
  const access = 'outbox:manage';
  // A scoped grant sees and retries the traffic of its own organisations only (docs/decisions/0057).
  const reachOf = (request: Parameters<typeof principalOf>[0]) =>
    organisationsWhere(principalOf(request).actor, access);

  app.get(
    '/outbox',
    {
      config: { access, scope: 'filtered' },
      schema: {
        tags,
        summary: 'Deliveries per channel and state, and whether each channel is configured and answering',
        response: { 200: OutboxSchema, ...problems },
      },
    },
    async (request) => outboxStatus(ctx, requestLanguage(request), reachOf(request)),
  );

  app.get(
    '/outbox/dead',
    {
      config: { access, scope: 'filtered' },
      schema: {
        tags,
        summary: 'Dead letters: deliveries that kept failing, newest first, with the last error',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Items(DeadLetter), ...problems },
      },
    },
    async (request) => ({
      items: await deadLetters(ctx, request.query.limit ?? 200, requestLanguage(request), reachOf(request)),
    }),
  );

  app.post(
    '/outbox/deliveries/:id/retry',
    {
      config: { access, scope: 'delivery' },
      schema: {
        tags,
        summary: 'Send a dead letter again (fresh attempts, due now)',
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await retryDelivery(ctx, principalOf(request).info, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/outbox/fanouts',
    {
      config: { access, scope: 'filtered' },
      schema: {
        tags,
        summary:
          'Recent fan-outs, newest first: recipients matched, deliveries written, and per channel sent, waiting and failed',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Items(FanOut), ...problems },
      },
    },
    async (request) => ({
      items: await fanOuts(ctx, request.query.limit ?? 20, requestLanguage(request), reachOf(request)),
    }),
  );

  app.post(
    '/outbox/fanouts/:id/retry',
    {
      config: { access, scope: 'delivery' },
      schema: {
        tags,
        summary: 'Fan a failed fan-out out again (due now; whoever it already reached is not written twice)',
        params: FanOutParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await retryFanOut(ctx, principalOf(request).info, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/outbox/dead/retry',
    {
      config: { access, scope: 'filtered' },
      schema: {
        tags,
        summary:
          'Send every dead letter the filter names again (all of them when it names nothing), of those the caller’s grants reach',
        body: RetryFilter,
        response: { 200: Type.Object({ retried: Type.Integer() }), ...problems },
      },
    },
    async (request) => retryDeadLetters(ctx, principalOf(request).info, request.body, reachOf(request)),
  );

  app.get(
    '/subscribers/stats',
    {
      config: { access },
      schema: {
        tags,
        summary: 'How many residents subscribe, by state and kind of place (counts only)',
        response: { 200: StatsSchema, ...problems },
      },
    },
    async () => subscriberStats(ctx),
  );
};
