import { describe, expect, it, vi } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { appendEvent, eventWindow, readEventsAfter } from '../services/events/events.service.js';
import { EmbeddedJobQueue } from './embedded.queue.js';
import { defineEventsPrune, EVENTS_PRUNE, pruneJobId, scheduleEventsPrune } from './events-prune.job.js';

const DAY = 24 * 3_600_000;

describe.each(ENGINES)('events.prune on %s', (engine) => {
  it('deletes events past the 7-day retention once however many instances schedule it', async () => {
    const runtime = await openTestRuntime(engine);
    const { ctx } = runtime;
    const queue = new EmbeddedJobQueue(ctx.db, { pollMs: 50 });
    try {
      const at = (ago: number) => ({ ...ctx, clock: { now: () => new Date(Date.now() - ago) } });
      for (const [name, ago] of [
        ['old', 8 * DAY],
        ['older-than-a-week', 7 * DAY + 60_000],
        ['six-days', 6 * DAY],
        ['now', 0],
      ] as const) {
        const c = at(ago);
        await ctx.db.kysely
          .transaction()
          .execute((trx) => appendEvent(c, trx, { type: 'comment.posted', subjectId: name }));
      }
      defineEventsPrune(queue, ctx);
      await scheduleEventsPrune(queue, ctx);
      await scheduleEventsPrune(queue, ctx);
      await queue.start();
      await vi.waitFor(
        async () => expect((await queue.stats())[EVENTS_PRUNE]).toMatchObject({ completed: 1, delayed: 1 }),
        { timeout: 20_000, interval: 20 },
      );
      expect((await readEventsAfter(ctx, 0)).map((e) => e.subjectId)).toEqual(['six-days', 'now']);
      expect(await eventWindow(ctx)).toEqual({ first: 3, last: 4 });
      const jobs = await ctx.db.kysely.selectFrom('jobs').select('id').orderBy('run_at').execute();
      const nextHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
      expect(jobs.map((j) => j.id)).toContain(pruneJobId(nextHour));
    } finally {
      await queue.stop();
      await runtime.drop();
    }
  });
});
