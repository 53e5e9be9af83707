import type { Selectable } from 'kysely';

/** The siren registry (migration 0021). */
export interface SirenTable {
  id: string;
  organisation_id: string | null;
  name_kk: string;
  name_ru: string;
  name_en: string;
  lon: number;
  lat: number;
  /** Unique: the controller listens on `<prefix>/command` and speaks on `<prefix>/ack`, `/status`. */
  topic_prefix: string;
  /** The command-signing key, sealed with the installation's secrets key. */
  command_key: string;
  /** public (residents hear it) or exercise (a drill ground's own siren). */
  purpose: string;
  /** 1: part of the demo data set, not a real siren. */
  demo: number;
  /** What the controller last reported: battery %, on mains (0/1), its fault; null until it spoke. */
  battery: number | null;
  mains: number | null;
  fault: string | null;
  status_at: string | null;
  /** The last time anything came from it (a status or an acknowledgement). */
  last_seen_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SirenTables {
  sirens: SirenTable;
}

export type SirenRow = Selectable<SirenTable>;
