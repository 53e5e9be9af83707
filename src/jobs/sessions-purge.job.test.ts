import { describe, expect, it, vi } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { EmbeddedJobQueue } from './embedded.queue.js';
import {
  defineSessionsPurge,
  purgeJobId,
  scheduleSessionsPurge,
  SESSIONS_PURGE,
} from './sessions-purge.job.js';

const HOUR = 3_600_000;

describe.each(ENGINES)('sessions.purge on %s', (engine) => {
  it('deletes expired sessions and forgotten sign-in failures once however many instances schedule it, and books the next hour', async () => {
    const runtime = await openTestRuntime(engine);
    const { ctx } = runtime;
    const queue = new EmbeddedJobQueue(ctx.db, { pollMs: 50 });
    try {
      const now = new Date();
      const iso = (ms: number) => new Date(now.getTime() + ms).toISOString();
      await ctx.db.kysely
        .insertInto('users')
        .values({
          id: 'u1',
          username: 'pio',
          display_name: 'PIO',
          email: null,
          password_hash: 'x',
          locale: 'kk',
          disabled: 0,
          sessions_valid_after: iso(-HOUR),
          created_at: iso(-HOUR),
          updated_at: iso(-HOUR),
        })
        .execute();
      const session = (id: string, expiresAt: string) => ({
        id,
        user_id: 'u1',
        csrf_token: 'c',
        created_at: iso(-HOUR),
        expires_at: expiresAt,
        last_seen_at: iso(-HOUR),
        user_agent: null,
        ip: null,
      });
      await ctx.db.kysely
        .insertInto('sessions')
        .values([session('expired', iso(-1000)), session('live', iso(HOUR))])
        .execute();
      const failures = (source: string, lastFailureAt: string, waitUntil: string | null) => ({
        user_id: 'u1',
        source,
        failures: 3,
        last_failure_at: lastFailureAt,
        wait_until: waitUntil,
      });
      await ctx.db.kysely
        .insertInto('sign_in_throttle')
        .values([
          failures('203.0.113.1', iso(-25 * HOUR), null),
          failures('203.0.113.2', iso(-25 * HOUR), iso(-HOUR)),
          failures('203.0.113.3', iso(-HOUR), null),
          // Its failures are a day old, but it is still made to wait: not yet.
          failures('203.0.113.4', iso(-25 * HOUR), iso(HOUR)),
        ])
        .execute();

      defineSessionsPurge(queue, ctx);
      await scheduleSessionsPurge(queue, ctx);
      await scheduleSessionsPurge(queue, ctx);
      await queue.start();

      await vi.waitFor(
        async () => expect((await queue.stats())[SESSIONS_PURGE]).toMatchObject({ completed: 1, delayed: 1 }),
        { timeout: 20_000, interval: 20 },
      );
      const left = await ctx.db.kysely.selectFrom('sessions').select('id').execute();
      expect(left.map((s) => s.id)).toEqual(['live']);
      const throttled = await ctx.db.kysely
        .selectFrom('sign_in_throttle')
        .select('source')
        .orderBy('source')
        .execute();
      expect(throttled.map((t) => t.source)).toEqual(['203.0.113.3', '203.0.113.4']);
      const nextHour = new Date(Math.floor(Date.now() / HOUR) * HOUR + HOUR);
      const jobs = await ctx.db.kysely
        .selectFrom('jobs')
        .select(['id', 'run_at'])
        .orderBy('run_at')
        .execute();
      expect(jobs.map((j) => j.id)).toEqual([purgeJobId(now), purgeJobId(nextHour)]);
      expect(jobs[1]?.run_at).toBe(nextHour.toISOString());
    } finally {
      await queue.stop();
      await runtime.drop();
    }
  });
});
