import type { AppContext } from '../services/context.js';
import type { JobQueue } from './queue.js';
import { defineSessionsPurge, scheduleSessionsPurge } from './sessions-purge.job.js';
import { defineNoticesExpire, scheduleNoticesExpire } from './notices-expire.job.js';
import { defineEventsPrune, scheduleEventsPrune } from './events-prune.job.js';

/** Defines every job Dabyl runs; each process does this, whatever its role. */
export function defineJobs(queue: JobQueue, ctx: AppContext): void {
  defineSessionsPurge(queue, ctx);
  defineNoticesExpire(queue, ctx);
  defineEventsPrune(queue, ctx);
}

/** Seeds the recurring jobs; called by processes that run jobs, idempotent across instances. */
export async function scheduleJobs(queue: JobQueue, ctx: AppContext): Promise<void> {
  await scheduleSessionsPurge(queue, ctx);
  await scheduleNoticesExpire(queue, ctx);
  await scheduleEventsPrune(queue, ctx);
}
