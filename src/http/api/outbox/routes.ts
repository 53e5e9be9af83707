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
import { TRAFFIC_MODES } from '../../../core/outbox/traffic.js';
import { principalOf } from '../../access.js';
import { Id, IdParams, Instant, Items, Nullable, problems } from '../common.schema.js';

const Counts = Type.Object({
  pending: Type.Integer(),
  sending: Type.Integer(),
  sent: Type.Integer(),
  dead: Type.Integer(),
});
const OutboxSchema = Type.Object({
  channels: Type.Array(
    Type.Object({
      name: Type.String(),
      configured: Type.Boolean(),
      up: Nullable(Type.Boolean()),
      problem: Nullable(Type.String()),
      counts: Counts,
    }),
  ),
});
const Mode = Type.Union(TRAFFIC_MODES.map((m) => Type.Literal(m)));
const DeadLetter = Type.Object({
  id: Id,
  sourceKind: Type.String({ description: 'what was being sent: notice (later inject, alert)' }),
  sourceId: Type.String(),
  sequence: Type.Integer({ description: "the source's revision or message number" }),
  label: Type.String({ description: 'what a person recognises the source by (a notice slug)' }),
  mode: Mode,
  channel: Type.String(),
  address: Nullable(Type.String()),
  language: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Instant,
  failedAt: Instant,
});
const FanOut = Type.Object({
  id: Type.String(),
  sourceKind: Type.String(),
  sourceId: Type.String(),
  sequence: Type.Integer(),
  label: Type.String({ description: 'what a person recognises the source by (a notice slug)' }),
  mode: Mode,
  status: Type.Union(['pending', 'expanding', 'done', 'failed'].map((s) => Type.Literal(s))),
  matched: Type.Integer({ description: 'recipients found so far' }),
  written: Type.Integer({ description: 'deliveries written so far' }),
  channels: Type.Record(Type.String(), Counts),
  attempts: Type.Integer({ description: 'expansions started, including resumptions after a crash' }),
  lastError: Nullable(Type.String({ description: 'why the last expansion failed' })),
  nextAttemptAt: Type.Union([Instant, Type.Null()], {
    description: 'when a fan-out whose expansion failed is tried again; null when not waiting for a retry',
  }),
  createdAt: Instant,
  finishedAt: Nullable(Instant),
});
const FanOutParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) });
const RetryFilter = Type.Object(
  {
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    sourceKind: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    sourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
const StatsSchema = Type.Object({
  pending: Type.Integer(),
  active: Type.Integer(),
  unsubscribed: Type.Integer(),
  placesByKind: Type.Record(Type.String(), Type.Integer()),
});

/** The outbox as the console sees it: counts, dead letters, a retry; subscriber counts, never addresses. */
export const outboxRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['outbox'];
  const access = 'outbox:manage';

  app.get(
    '/outbox',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Deliveries per channel and state, and whether each channel is configured and answering',
        response: { 200: OutboxSchema, ...problems },
      },
    },
    async () => outboxStatus(ctx),
  );

  app.get(
    '/outbox/dead',
    {
      config: { access },
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
    async (request) => ({ items: await deadLetters(ctx, request.query.limit ?? 200) }),
  );

  app.post(
    '/outbox/deliveries/:id/retry',
    {
      config: { access },
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
      config: { access },
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
    async (request) => ({ items: await fanOuts(ctx, request.query.limit ?? 20) }),
  );

  app.post(
    '/outbox/fanouts/:id/retry',
    {
      config: { access },
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
      config: { access },
      schema: {
        tags,
        summary: 'Send every dead letter the filter names again (all of them when it names nothing)',
        body: RetryFilter,
        response: { 200: Type.Object({ retried: Type.Integer() }), ...problems },
      },
    },
    async (request) => retryDeadLetters(ctx, principalOf(request).info, request.body),
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
