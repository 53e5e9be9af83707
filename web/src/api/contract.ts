/**
 * The API's shapes and enumerations as the server declares them, and nothing else: every type here
 * is derived with `Static` from the TypeBox schema that validates and documents the route, and every
 * list is the server's own (src/contract/enums.ts). The console never keeps a copy; a change on the
 * server changes these types, and `tsc -p web` shows every screen it touches. The schema modules
 * are imported for their types only, so none of the server's code reaches the bundle.
 */
import type { Static } from '@sinclair/typebox';
import type * as outbox from '../../../src/http/api/outbox/schema';

export {
  APPROVAL_STATES,
  CHANNEL_KINDS,
  COMMENT_STATUSES,
  DELIVERY_METHODS,
  DELIVERY_STATUSES,
  EVENT_KINDS,
  EXERCISE_ROLES,
  EXERCISE_STATUSES,
  EXERCISE_TYPES,
  EXTENTS_OF_PLAY,
  FANOUT_STATUSES,
  LOCALES,
  NOTICE_LANGUAGES,
  NOTICE_STATUSES,
  ORGANISATION_KINDS,
  RECIPIENT_KINDS,
  ROLES,
  TRAFFIC_MODES,
  VENUE_KINDS,
  ZONE_KINDS,
} from '../../../src/contract/enums';

// The outbox (/api/v1/outbox…, /api/v1/subscribers/stats).
export type DeliveryCounts = Static<typeof outbox.Counts>;
export type ChannelState = Static<typeof outbox.OutboxSchema>['channels'][number];
export type DeadLetter = Static<typeof outbox.DeadLetter>;
export type FanOut = Static<typeof outbox.FanOut>;
export type SubscriberStats = Static<typeof outbox.StatsSchema>;
