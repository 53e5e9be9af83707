import type { AppContext } from '../services/context.js';
import { policyFrom } from '../core/auth/throttle.js';
import { sessionRepository } from '../store/session.repository.js';
import { signInThrottleRepository } from '../store/sign-in-throttle.repository.js';
import type { JobQueue, RetryPolicy } from './queue.js';

export const SESSIONS_PURGE = 'sessions.purge';

const POLICY: RetryPolicy = {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 30_000 },
  concurrency: 1,
};

const HOUR = 3_600_000;

/**
 * The job id of the run for the hour containing `at`, e.g. `sessions.purge@2026-10-21T04`. Every
 * instance derives the same id, so however many of them schedule an hour, it runs once.
 */
export function purgeJobId(at: Date): string {
  return `${SESSIONS_PURGE}@${at.toISOString().slice(0, 13)}`;
}

/**
 * Deletes expired sessions, and sign-in throttle rows whose failures are forgotten, once an hour. Each run schedules the next hour's run before it ends;
 * a failure to do so fails the run, and its retry schedules again.
 */
export function defineSessionsPurge(queue: JobQueue, ctx: AppContext): void {
  queue.define(
    SESSIONS_PURGE,
    async () => {
      const now = ctx.clock.now();
      await sessionRepository.deleteExpired(ctx.db.kysely, now.toISOString());
      const forgetBefore = new Date(now.getTime() - policyFrom(ctx.config).windowMs).toISOString();
      await signInThrottleRepository.prune(ctx.db.kysely, forgetBefore, now.toISOString());
      const nextHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
      await queue.enqueue(SESSIONS_PURGE, {}, { jobId: purgeJobId(nextHour), runAt: nextHour });
    },
    POLICY,
  );
}

/** Seeds the hourly chain at start-up: this hour's run, a no-op if any instance already did. */
export async function scheduleSessionsPurge(queue: JobQueue, ctx: AppContext): Promise<void> {
  await queue.enqueue(SESSIONS_PURGE, {}, { jobId: purgeJobId(ctx.clock.now()) });
}
