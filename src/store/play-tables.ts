import type { Insertable, Selectable } from 'kysely';

/** Table types of the players' side of a running exercise (migration 0023). */

/** A message the in-app channel put in a player's inbox; keyed by the delivery that carried it. */
export interface InboxMessageTable {
  delivery_id: string;
  user_id: string;
  exercise_id: string | null;
  /** The outbox source it came from (inject) and its id (the inject run). */
  source_kind: string;
  source_id: string;
  /** As delivered: marked as exercise traffic by the dispatcher. */
  title: string;
  body: string;
  delivered_at: string;
  /** When the player said they received it; set once. */
  acknowledged_at: string | null;
}

/** What a player reports having done about an inject. */
export interface PlayerReportTable {
  id: string;
  exercise_id: string;
  inject_run_id: string;
  user_id: string | null;
  person_id: string | null;
  team_id: string | null;
  author_name: string;
  text: string;
  photo_type: string | null;
  photo: Buffer | null;
  latitude: number | null;
  longitude: number | null;
  created_at: string;
}

/**
 * A link to one fired inject, sent to a player without an account by e-mail or SMS (migration
 * 0038). Only the token's SHA-256 is kept; one row per delivery.
 */
export interface InjectLinkTable {
  token_hash: string;
  delivery_id: string;
  exercise_id: string;
  run_id: string;
  person_id: string;
  created_at: string;
  /** When the link was first opened; set once. */
  opened_at: string | null;
  /** When the player said they received the inject; set once. */
  acknowledged_at: string | null;
}

export interface PlayTables {
  inbox_messages: InboxMessageTable;
  player_reports: PlayerReportTable;
  inject_links: InjectLinkTable;
}

export type InboxMessageRow = Selectable<InboxMessageTable>;
export type PlayerReportRow = Selectable<PlayerReportTable>;
export type InjectLinkRow = Selectable<InjectLinkTable>;
export type NewPlayerReport = Insertable<PlayerReportTable>;
