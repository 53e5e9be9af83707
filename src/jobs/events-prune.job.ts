import type { AppContext } from '../services/context.js';
import { pruneEvents } from '../services/events/events.service.js';
import type { JobQueue, RetryPolicy } from './queue.js';

export const EVENTS_PRUNE = 'events.prune';

const POLICY: RetryPolicy = {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 30_000 },
  concurrency: 1,
};

const HOUR = 3_600_000;

/** The run for the hour containing `at`; every instance derives the same id, so an hour runs once. */
export const pruneJobId = (at: Date): string => `${EVENTS_PRUNE}@${at.toISOString().slice(0, 13)}`;

/**
 * Deletes events past the stream's retention (7 days) once an hour; a reader resuming from before
 * that is told to reload. Each run books the next hour's before it ends.
 */
export function defineEventsPrune(queue: JobQueue, ctx: AppContext): void {
  queue.define(
    EVENTS_PRUNE,
    async () => {
      const now = ctx.clock.now();
      await pruneEvents(ctx);
      const nextHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
      await queue.enqueue(EVENTS_PRUNE, {}, { jobId: pruneJobId(nextHour), runAt: nextHour });
    },
    POLICY,
  );
}

export async function scheduleEventsPrune(queue: JobQueue, ctx: AppContext): Promise<void> {
  await queue.enqueue(EVENTS_PRUNE, {}, { jobId: pruneJobId(ctx.clock.now()) });
}
