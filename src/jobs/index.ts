import type { Config } from '../config/config.js';
import type { Db } from '../store/db.js';
import { BullJobQueue } from './bullmq.queue.js';
import { EmbeddedJobQueue } from './embedded.queue.js';
import type { JobQueue } from './queue.js';

export type * from './queue.js';

export interface OpenJobQueueOptions {
  /** Redis key prefix for BullMQ (tests isolate runs with a random one); ignored when embedded. */
  prefix?: string;
  /** Embedded poll interval; tests shorten it. */
  pollMs?: number;
  clock?: { now(): Date };
  onError?: (err: unknown, where: string) => void;
}

/**
 * The queue the configuration asks for: BullMQ when DABYL_REDIS_URL is set, else the embedded
 * queue in the application database. Nothing is processed until `start()`.
 */
export async function openJobQueue(
  config: Config,
  db: Db,
  options: OpenJobQueueOptions = {},
): Promise<JobQueue> {
  const { prefix, pollMs, clock, onError } = options;
  if (config.redisUrl) {
    return new BullJobQueue(config.redisUrl, {
      ...(prefix ? { prefix } : {}),
      ...(onError ? { onError } : {}),
    });
  }
  return new EmbeddedJobQueue(db, {
    ...(pollMs ? { pollMs } : {}),
    ...(clock ? { clock } : {}),
    ...(onError ? { onError } : {}),
  });
}
