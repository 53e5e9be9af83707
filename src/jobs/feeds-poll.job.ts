import type { AppContext } from '../services/context.js';
import { pollDueFeeds } from '../services/feeds/feeds.service.js';
import type { JobQueue, RetryPolicy } from './queue.js';

export const FEEDS_POLL = 'feeds.poll';

const POLICY: RetryPolicy = {
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 10_000 },
  concurrency: 1,
};

const MINUTE = 60_000;

/** The run for the minute containing `at`; every instance derives the same id, so a minute runs once. */
export const feedsPollJobId = (at: Date): string =>
  `${FEEDS_POLL}@${at.toISOString().slice(0, 16).replace(':', 'h')}`;

/**
 * Once a minute, polls the feeds whose interval has come round (each claimed with a conditional
 * write, so two workers never poll one feed at once); each run books the next minute's.
 */
export function defineFeedsPoll(queue: JobQueue, ctx: AppContext): void {
  queue.define(
    FEEDS_POLL,
    async () => {
      const now = ctx.clock.now();
      try {
        await pollDueFeeds(ctx);
      } finally {
        const next = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE + MINUTE);
        await queue.enqueue(FEEDS_POLL, {}, { jobId: feedsPollJobId(next), runAt: next });
      }
    },
    POLICY,
  );
}

export async function scheduleFeedsPoll(queue: JobQueue, ctx: AppContext): Promise<void> {
  await queue.enqueue(FEEDS_POLL, {}, { jobId: feedsPollJobId(ctx.clock.now()) });
}
