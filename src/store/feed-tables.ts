import type { Selectable } from 'kysely';

/** A CAP feed of another authority (migration 0026). JSON is stored as text on both engines. */
export interface CapFeedTable {
  id: string;
  url: string;
  /** JSON: `{ "kk": …, "ru": …, "en": … }` or one name under all three. */
  name: string;
  poll_seconds: number;
  /** A folder of PEM certificates the feed's signatures must chain to; null: none (unverified). */
  trust_store: string | null;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: string;
  last_polled_at: string | null;
  last_outcome: string | null;
  last_findings: string;
  created_at: string;
}

/** One alert read from a feed, once per CAP identity (sender, identifier). */
export interface ExternalAlertTable {
  feed_id: string;
  sender: string;
  identifier: string;
  sent: string;
  sender_name: string | null;
  status: string;
  msg_type: string;
  expires: string | null;
  alert_json: string;
  /** 1 only when it is signed and every signature holds and is trusted. */
  verified: number;
  signatures: string;
  findings: string;
  /** The identifier of the Update or Cancel that replaced it. */
  superseded_by: string | null;
  received_at: string;
}

export interface FeedTables {
  cap_feeds: CapFeedTable;
  external_alerts: ExternalAlertTable;
}

export type CapFeedRow = Selectable<CapFeedTable>;
export type ExternalAlertRow = Selectable<ExternalAlertTable>;
