import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '../core/policy/policy.js';
import { sampleSnapshot, sampleText } from '../core/notice/testing.js';
import type { AppContext } from '../services/context.js';
import { createNotice, publishNotice, submitNotice } from '../services/notices/notices.service.js';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { EmbeddedJobQueue } from './embedded.queue.js';
import {
  defineNoticesExpire,
  expireJobId,
  NOTICES_EXPIRE,
  scheduleNoticesExpire,
} from './notices-expire.job.js';

const pio = (userId: string): Actor => ({
  userId,
  grants: [{ role: 'pio', organisationId: null, exerciseId: null }],
});

describe.each(ENGINES)('notices.expire on %s', (engine) => {
  it('expires a published notice whose window is over, once however many instances schedule it', async () => {
    const runtime = await openTestRuntime(engine);
    let now = new Date('2026-10-20T06:00:00Z');
    const ctx: AppContext = { ...runtime.ctx, clock: { now: () => now } };
    const queue = new EmbeddedJobQueue(ctx.db, { pollMs: 50 });
    try {
      const s = sampleSnapshot();
      const a = { userId: 'a', name: 'A' };
      let n = await createNotice(ctx, a, pio('a'), {
        timeZone: s.timeZone,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        texts: { en: sampleText('en') },
        areas: s.areas,
      });
      n = await submitNotice(ctx, a, pio('a'), n.id, n.version);
      await publishNotice(ctx, { userId: 'b', name: 'B' }, pio('b'), n.id, n.version);
      // The job runs on the real clock, like the queue; the notice's window (25 October 2026) is over.
      now = new Date();
      expect(now.getTime()).toBeGreaterThan(Date.parse(s.endsAt));

      defineNoticesExpire(queue, ctx);
      await scheduleNoticesExpire(queue, ctx);
      await scheduleNoticesExpire(queue, ctx);
      await queue.start();
      await vi.waitFor(
        async () => expect((await queue.stats())[NOTICES_EXPIRE]).toMatchObject({ completed: 1, delayed: 1 }),
        { timeout: 20_000, interval: 20 },
      );
      const row = await ctx.db.kysely
        .selectFrom('notices')
        .select(['status', 'version'])
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('expired');
      const audit = await ctx.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'notice.expired')
        .execute();
      expect(audit).toHaveLength(1);
      const ids = (await ctx.db.kysely.selectFrom('jobs').select('id').execute()).map((j) => j.id);
      expect(ids).toContain(expireJobId(now));
    } finally {
      await queue.stop();
      await runtime.drop();
    }
  });
});
