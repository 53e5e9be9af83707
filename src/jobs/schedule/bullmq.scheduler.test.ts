import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../store/db.js';
import { wakeRepository } from '../../store/wake.repository.js';
import { testRedisUrl } from '../../../test/setup/engines.js';
import { openTestRuntime } from '../../../test/support/engines.js';
import { deleteRedisPrefix, testPrefix } from '../testing/redis.js';
import { BullScheduler, wakeJobId } from './bullmq.scheduler.js';
import { bookWake } from './scheduler.js';
import { schedulerContract } from './testing/scheduler.contract.js';

/** BullMQ is the scaled configuration, so its wakes are kept in PostgreSQL, as in production. */
schedulerContract('BullMQ scheduler on Redis and PostgreSQL', async () => {
  const runtime = await openTestRuntime('postgres');
  const { config } = runtime.ctx;
  const prefix = testPrefix();
  const handles: Db[] = [];
  const closeHandles = async () => {
    await Promise.all(handles.splice(0).map((db) => db.close()));
  };
  return {
    db: runtime.ctx.db,
    open: async (options) => {
      const db = openDb({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        poolSize: config.databasePoolSize,
        ...(runtime.ctx.db.schema ? { schema: runtime.ctx.db.schema } : {}),
      });
      handles.push(db);
      return new BullScheduler(db, testRedisUrl(), { prefix, pollMs: 100, ...options });
    },
    release: closeHandles,
    close: async () => {
      await closeHandles();
      await deleteRedisPrefix(prefix);
      await runtime.drop();
    },
  };
});

describe('BullMQ scheduler: its own timer', () => {
  let runtime: Awaited<ReturnType<typeof openTestRuntime>>;
  const prefix = testPrefix();
  let scheduler: BullScheduler | undefined;

  beforeAll(async () => {
    runtime = await openTestRuntime('postgres');
  });
  afterAll(async () => {
    await scheduler?.stop();
    await deleteRedisPrefix(prefix);
    await runtime.drop();
  });

  it('runs a wake at its time from the pushing process, though its queued job was lost', async () => {
    const db = runtime.ctx.db;
    // A poll far longer than the test: only the booking's NOTIFY, the push and the timer act.
    scheduler = new BullScheduler(db, testRedisUrl(), { prefix, pollMs: 60_000 });
    const ran: { at: number; ranAt: number }[] = [];
    scheduler.handle(
      't.own-timer',
      async (wake) => void ran.push({ at: wake.at.getTime(), ranAt: Date.now() }),
    );
    await scheduler.start();
    const at = new Date(Date.now() + 1500);
    await bookWake(db.kysely, { topic: 't.own-timer', key: 'inject-1', at });
    await waitFor(async () => (await wakeRepository.get(db.kysely, 't.own-timer', 'inject-1'))?.pushed === 1);
    const row = (await wakeRepository.get(db.kysely, 't.own-timer', 'inject-1'))!;
    const queue = new Queue('wakes', { connection: { url: testRedisUrl() }, prefix });
    // Without the timer, a wake whose job is gone waits for the sweep of overdue rows (5 s overdue,
    // every 10 s) to be pushed again.
    expect(await queue.remove(wakeJobId(row))).toBe(1);
    await queue.close();
    await waitFor(() => ran.length === 1, 4000);
    expect(ran[0]!.ranAt).toBeGreaterThanOrEqual(at.getTime());
    // Marked done once the handler has returned, a write after it: read until then, not at once.
    const state = async () => (await wakeRepository.get(db.kysely, 't.own-timer', 'inject-1'))?.status;
    await waitFor(async () => (await state()) !== 'running', 2000);
    expect(await state()).toBe('done');
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done` holds; a ceiling against hanging, shorter than the sweep this test rules out. */
async function waitFor(done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(10);
  }
}
