import type { Kysely } from 'kysely';
import type { ChannelSet } from '../channels/channels.js';
import type { Config } from '../config/config.js';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';
import type { OutboxSources } from './outbox/source.js';

/** What every service needs; built once at start-up and passed in, never imported as a global. */
export interface AppContext {
  readonly db: Db;
  readonly config: Config;
  readonly clock: { now(): Date };
  /** Every channel of this process; only the dispatcher sends through them. */
  readonly channels: ChannelSet;
  /** What each kind of outbox source (notice, later inject and alert) renders and reaches. */
  readonly sources: OutboxSources;
}

export type Q = Kysely<Database>;

export const systemClock = { now: () => new Date() };

/** Who is acting, as the audit log and the policy see them. */
export interface ActorInfo {
  userId: string | null;
  name: string | null;
}

export const SYSTEM_ACTOR: ActorInfo = { userId: null, name: 'system' };
