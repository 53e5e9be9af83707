import type { Generated, Selectable } from 'kysely';

/** Table types of the public side (migration 0006): notices, subscribers, outbox, comments, votes. */

export interface NoticeTable {
  id: string;
  exercise_id: string | null;
  /** The organisation that publishes it; null: none, acted on by unscoped grants only. */
  organisation_id: string | null;
  slug: string;
  /** The working copy's state: draft, review, published, cancelled, expired. */
  status: string;
  city: string | null;
  time_zone: string;
  starts_at: string;
  ends_at: string;
  /** JSON: { kk?: NoticeText, ru?: NoticeText, en?: NoticeText }; a missing language stays missing. */
  texts: string;
  /** JSON: NoticeArea[] (areas and road closures with their own time windows). */
  areas: string;
  /** The newest published revision; 0 before the first publication. */
  revision: number;
  /** Optimistic concurrency for edits of the working copy. */
  version: number;
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What the public sees: one immutable row per publication, update or cancellation. */
export interface NoticeRevisionTable {
  notice_id: string;
  revision: number;
  /** The CAP msgType it went out as: Alert, Update or Cancel. */
  kind: string;
  /** JSON: the notice as published (texts, areas, window, city, zone, slug). */
  snapshot: string;
  /** What a correction changed, shown in the history. */
  note: string | null;
  cap_identifier: string;
  cap_xml: string;
  drafted_by: string | null;
  published_by: string;
  published_at: string;
}

export interface SubscriberTable {
  id: string;
  /** Null for a subscriber reached only on a device (web push; migration 0022). */
  email: string | null;
  name: string | null;
  language: string;
  /** JSON array of channel names; email only for now. */
  channels: string;
  /** pending (awaiting confirmation), active, unsubscribed. */
  status: string;
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  /** Hash of the token in every message's unsubscribe and "what you store about me" links. */
  manage_token_hash: string;
  /** The newest message about the subscription itself: its outbox sequence (migration 0009). */
  message_sequence: Generated<number>;
  created_at: string;
  confirmed_at: string | null;
  updated_at: string;
}

export interface SubscriptionPlaceTable {
  id: string;
  subscriber_id: string;
  /** city, district or point. */
  kind: string;
  label: string;
  lon: number;
  lat: number;
  radius_m: number;
}

export interface CommentTable {
  id: string;
  notice_id: string;
  name: string;
  /** Never shown to the public. */
  email: string;
  email_hash: string;
  /** Keyed hash of the client address, for rate limits; not reversible without the key. */
  client_hash: string;
  language: string;
  body: string;
  /** pending, approved, rejected. */
  status: string;
  reason: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  created_at: string;
}

export interface BlockedAddressTable {
  email_hash: string;
  reason: string;
  blocked_by: string | null;
  created_at: string;
}

export interface NoticeVoteTable {
  notice_id: string;
  voter_hash: string;
  useful: number;
  created_at: string;
}

export interface SpentChallengeTable {
  id: string;
  expires_at: string;
}

export interface PublicTables {
  notices: NoticeTable;
  notice_revisions: NoticeRevisionTable;
  subscribers: SubscriberTable;
  subscription_places: SubscriptionPlaceTable;
  comments: CommentTable;
  blocked_addresses: BlockedAddressTable;
  notice_votes: NoticeVoteTable;
  spent_challenges: SpentChallengeTable;
}

export type NoticeRow = Selectable<NoticeTable>;
export type NoticeRevisionRow = Selectable<NoticeRevisionTable>;
export type SubscriberRow = Selectable<SubscriberTable>;
export type SubscriptionPlaceRow = Selectable<SubscriptionPlaceTable>;
export type CommentRow = Selectable<CommentTable>;
