import type { AppContext } from '../services/context.js';
import { remindOverdue } from '../services/improvement/reminders.service.js';
import type { JobQueue, RetryPolicy } from './queue.js';

export const IMPROVEMENT_REMIND = 'improvement.remind';

const POLICY: RetryPolicy = {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 60_000 },
  concurrency: 1,
};

const HOUR = 3_600_000;

/** The job id of the run for the hour containing `at`: every instance derives the same one. */
export const remindJobId = (at: Date): string => `${IMPROVEMENT_REMIND}@${at.toISOString().slice(0, 13)}`;

/**
 * Looks for overdue improvement items once an hour. Hourly, not daily, so a day's reminder still
 * goes out when the server was down at midnight; the outbox's per-day key keeps it to one a day.
 */
export function defineImprovementRemind(queue: JobQueue, ctx: AppContext): void {
  queue.define(
    IMPROVEMENT_REMIND,
    async () => {
      const now = ctx.clock.now();
      await remindOverdue(ctx);
      const nextHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
      await queue.enqueue(IMPROVEMENT_REMIND, {}, { jobId: remindJobId(nextHour), runAt: nextHour });
    },
    POLICY,
  );
}

export async function scheduleImprovementRemind(queue: JobQueue, ctx: AppContext): Promise<void> {
  await queue.enqueue(IMPROVEMENT_REMIND, {}, { jobId: remindJobId(ctx.clock.now()) });
}
