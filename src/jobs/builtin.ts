import { INJECT_TOPIC } from '../services/conduct/conduct.js';
import { onInjectWake } from '../services/conduct/injects.service.js';
import type { AppContext } from '../services/context.js';
import type { Scheduler } from './schedule/scheduler.js';
import type { JobQueue } from './queue.js';
import { defineSessionsPurge, scheduleSessionsPurge } from './sessions-purge.job.js';
import { defineNoticesExpire, scheduleNoticesExpire } from './notices-expire.job.js';
import { defineEventsPrune, scheduleEventsPrune } from './events-prune.job.js';
import { defineFeedsPoll, scheduleFeedsPoll } from './feeds-poll.job.js';
import { defineImprovementRemind, scheduleImprovementRemind } from './improvement-remind.job.js';

/** Defines every job Dabyl runs; each process does this, whatever its role. */
export function defineJobs(queue: JobQueue, ctx: AppContext): void {
  defineSessionsPurge(queue, ctx);
  defineNoticesExpire(queue, ctx);
  defineEventsPrune(queue, ctx);
  defineFeedsPoll(queue, ctx);
  defineImprovementRemind(queue, ctx);
}

/** Seeds the recurring jobs; called by processes that run jobs, idempotent across instances. */
export async function scheduleJobs(queue: JobQueue, ctx: AppContext): Promise<void> {
  await scheduleSessionsPurge(queue, ctx);
  await scheduleNoticesExpire(queue, ctx);
  await scheduleEventsPrune(queue, ctx);
  await scheduleFeedsPoll(queue, ctx);
  await scheduleImprovementRemind(queue, ctx);
}

/** Declares the handler of every wake topic; each process does this before its scheduler starts. */
export function defineWakes(scheduler: Scheduler, ctx: AppContext): void {
  // An exercise's injects one at a time in a process: the first of a burst fires them all.
  scheduler.handle(INJECT_TOPIC, (wake) => onInjectWake(ctx, wake), {
    laneOf: (key) => key.split('/')[0]!,
  });
}
