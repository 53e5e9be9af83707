import type { Config } from '../../config/config.js';
import type { Db } from '../../store/db.js';
import { BullScheduler } from './bullmq.scheduler.js';
import { EmbeddedScheduler } from './embedded.scheduler.js';
import type { Scheduler } from './scheduler.js';

export * from './scheduler.js';

export interface OpenSchedulerOptions {
  /** Redis key prefix for BullMQ (tests isolate runs with a random one); ignored when embedded. */
  prefix?: string;
  /** The longest sleep between looks for bookings made by other processes. */
  pollMs?: number;
  onError?: (err: unknown, where: string) => void;
}

/**
 * The scheduler the configuration asks for: BullMQ when DABYL_REDIS_URL is set, else the embedded
 * one on the application database. Nothing wakes until `start()`.
 */
export function openScheduler(config: Config, db: Db, options: OpenSchedulerOptions = {}): Scheduler {
  const { prefix, pollMs, onError } = options;
  const common = { ...(pollMs ? { pollMs } : {}), ...(onError ? { onError } : {}) };
  if (config.redisUrl)
    return new BullScheduler(db, config.redisUrl, { ...common, ...(prefix ? { prefix } : {}) });
  return new EmbeddedScheduler(db, common);
}
