import type { AppContext } from '../services/context.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { expireNotices } from '../services/notices/notices.service.js';
import type { JobQueue, RetryPolicy } from './queue.js';

export const NOTICES_EXPIRE = 'notices.expire';

const POLICY: RetryPolicy = {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 30_000 },
  concurrency: 1,
};

const HOUR = 3_600_000;

/** The job id of the run for the hour containing `at`: every instance derives the same one. */
export function expireJobId(at: Date): string {
  return `${NOTICES_EXPIRE}@${at.toISOString().slice(0, 13)}`;
}

/**
 * Marks notices whose window is over as expired, once an hour. The job only wakes the service,
 * whose writes are conditional on each notice's version: a run twice over changes nothing twice.
 */
export function defineNoticesExpire(queue: JobQueue, ctx: AppContext): void {
  queue.define(
    NOTICES_EXPIRE,
    async () => {
      const now = ctx.clock.now();
      await expireNotices(ctx, SYSTEM_ACTOR);
      const nextHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
      await queue.enqueue(NOTICES_EXPIRE, {}, { jobId: expireJobId(nextHour), runAt: nextHour });
    },
    POLICY,
  );
}

export async function scheduleNoticesExpire(queue: JobQueue, ctx: AppContext): Promise<void> {
  await queue.enqueue(NOTICES_EXPIRE, {}, { jobId: expireJobId(ctx.clock.now()) });
}
