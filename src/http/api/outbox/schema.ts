import { Type, type TInteger } from '@sinclair/typebox';
import { DELIVERY_STATUSES, FANOUT_STATUSES, TRAFFIC_MODES } from '../../../contract/enums.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

/*
 * The outbox's API shapes: they validate and document the routes (routes.ts) and type the console
 * (web/src/api/contract.ts derives its types from them with Static).
 */

/** Deliveries in each state (DELIVERY_STATUSES). */
export const Counts = Type.Object(
  Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, Type.Integer()])) as Record<
    (typeof DELIVERY_STATUSES)[number],
    TInteger
  >,
);
export const OutboxSchema = Type.Object({
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
export const Mode = literals(TRAFFIC_MODES);
export const DeadLetter = Type.Object({
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
  lastError: Nullable(
    Type.String({ description: "why it failed, in the request's language (Accept-Language)" }),
  ),
  reason: Nullable(
    Type.String({
      description: 'the stable code of why it failed; null for a failure kept before codes were',
    }),
  ),
  createdAt: Instant,
  failedAt: Instant,
});
export const FanOut = Type.Object({
  id: Type.String(),
  sourceKind: Type.String(),
  sourceId: Type.String(),
  sequence: Type.Integer(),
  label: Type.String({ description: 'what a person recognises the source by (a notice slug)' }),
  mode: Mode,
  status: literals(FANOUT_STATUSES),
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
export const FanOutParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) });
export const RetryFilter = Type.Object(
  {
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    sourceKind: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    sourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const StatsSchema = Type.Object({
  pending: Type.Integer(),
  active: Type.Integer(),
  unsubscribed: Type.Integer(),
  placesByKind: Type.Record(Type.String(), Type.Integer()),
});
