import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue, RetryPolicy } from '../queue.js';

/** One backing store (a database or a Redis prefix) that several queue instances can share. */
export interface QueueStore {
  /** A new queue instance on this store, as another process would open it. */
  open(): Promise<JobQueue>;
  close(): Promise<void>;
}

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  attempts: 1,
  backoff: { type: 'fixed', delayMs: 0 },
  concurrency: 4,
  ...over,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done` holds; only a ceiling against hanging, never a speed requirement. */
async function waitFor(done: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Long enough for a wrongly duplicated run to show up after the right one. */
const SETTLE_MS = 300;

/**
 * The behaviour every JobQueue adapter promises, run against a real store. Each test uses job names
 * of its own, so tests sharing one store never see each other's jobs.
 */
export function jobQueueContract(label: string, openStore: () => Promise<QueueStore>): void {
  describe(label, () => {
    let store: QueueStore;
    const opened: JobQueue[] = [];
    const open = async () => {
      const queue = await store.open();
      opened.push(queue);
      return queue;
    };
    const uniqueName = () => `t.${randomBytes(5).toString('hex')}`;
    const completed = async (queue: JobQueue, name: string) => (await queue.stats())[name]?.completed ?? 0;

    beforeAll(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((q) => q.stop()));
    });
    afterAll(async () => {
      await store.close();
    });

    it('runs a job exactly once, with its payload, on the first attempt', async () => {
      const queue = await open();
      const name = uniqueName();
      const runs: unknown[] = [];
      queue.define(name, async (payload, run) => void runs.push({ payload, attempt: run.attempt }), policy());
      await queue.start();
      const id = await queue.enqueue(name, { drill: 'EXPO', n: 1 });
      await waitFor(async () => (await completed(queue, name)) === 1, 'completion');
      await sleep(SETTLE_MS);
      expect(runs).toEqual([{ payload: { drill: 'EXPO', n: 1 }, attempt: 1 }]);
      expect(typeof id).toBe('string');
      expect((await queue.stats())[name]).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 0,
        completed: 1,
      });
    });

    it('treats a second enqueue with the same job id as a no-op', async () => {
      const queue = await open();
      const name = uniqueName();
      let runs = 0;
      queue.define(name, async () => void runs++, policy());
      const first = await queue.enqueue(name, { v: 1 }, { jobId: 'inject-7' });
      const second = await queue.enqueue(name, { v: 2 }, { jobId: 'inject-7' });
      expect([first, second]).toEqual(['inject-7', 'inject-7']);
      await queue.start();
      await waitFor(async () => (await completed(queue, name)) === 1, 'completion');
      await queue.enqueue(name, { v: 3 }, { jobId: 'inject-7' });
      await queue.enqueueBulk([{ name, payload: { v: 4 }, options: { jobId: 'inject-7' } }]);
      await sleep(SETTLE_MS);
      expect(runs).toBe(1);
    });

    it('retries a failing job with back-off, dead-letters it, and runs it again on retry()', async () => {
      const queue = await open();
      const name = uniqueName();
      const tries: { at: number; attempt: number }[] = [];
      let broken = true;
      const delayMs = 100;
      queue.define(
        name,
        async (_payload, run) => {
          tries.push({ at: Date.now(), attempt: run.attempt });
          if (broken) throw new Error('SMPP peer refused');
        },
        policy({ attempts: 3, backoff: { type: 'exponential', delayMs } }),
      );
      await queue.start();
      const id = await queue.enqueue(name, { to: '+77010000000' });
      await waitFor(async () => (await queue.failed(name)).length === 1, 'dead letter');
      const [dead] = await queue.failed(name);
      expect(dead).toMatchObject({ id, name, payload: { to: '+77010000000' }, attempts: 3 });
      expect(dead?.error).toContain('SMPP peer refused');
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
      // Never early: the nth wait is at least delayMs * 2^(n-1).
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(delayMs);
      expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(2 * delayMs);
      expect((await queue.stats())[name]?.failed).toBe(1);

      broken = false;
      expect(await queue.retry(id)).toBe(true);
      await waitFor(async () => (await completed(queue, name)) === 1, 'completion after retry');
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3, 1]);
      expect(await queue.failed(name)).toEqual([]);
      expect(await queue.retry(id)).toBe(false);
      expect(await queue.retry('no-such-job')).toBe(false);
    });

    it('never runs a delayed job before its time', async () => {
      const queue = await open();
      const name = uniqueName();
      const started = new Map<string, number>();
      queue.define(name, async (_p, run) => void started.set(run.id, Date.now()), policy());
      await queue.start();
      const before = Date.now();
      const byDelay = await queue.enqueue(name, {}, { delayMs: 800 });
      const runAt = new Date(Date.now() + 900);
      const byTime = await queue.enqueue(name, {}, { runAt });
      expect((await queue.stats())[name]?.delayed).toBe(2);
      await waitFor(() => started.size === 2, 'both delayed jobs');
      expect(started.get(byDelay)!).toBeGreaterThanOrEqual(before + 800);
      expect(started.get(byTime)!).toBeGreaterThanOrEqual(runAt.getTime());
    });

    it('runs each of 200 jobs once when two queue instances consume the same store', async () => {
      const [a, b] = [await open(), await open()];
      const name = uniqueName();
      const runs = new Map<string, number>();
      const ranOn = { a: 0, b: 0 };
      const handler = (who: 'a' | 'b') => async (_p: unknown, run: { id: string }) => {
        runs.set(run.id, (runs.get(run.id) ?? 0) + 1);
        ranOn[who]++;
        await sleep(2);
      };
      a.define(name, handler('a'), policy());
      b.define(name, handler('b'), policy());
      await Promise.all([a.start(), b.start()]);
      const ids = await a.enqueueBulk(
        Array.from({ length: 200 }, (_, i) => ({ name, payload: { recipient: i } })),
      );
      expect(new Set(ids).size).toBe(200);
      await waitFor(async () => (await completed(a, name)) === 200, '200 completions');
      await sleep(SETTLE_MS);
      expect(runs.size).toBe(200);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect(ranOn.a + ranOn.b).toBe(200);
    });

    it('keeps a job across a stop and runs it on a queue opened afterwards', async () => {
      const first = await open();
      const name = uniqueName();
      let ranEarly = 0;
      first.define(name, async () => void ranEarly++, policy());
      await first.start();
      const id = await first.enqueue(name, { notice: 'Karaganda' }, { delayMs: 300 });
      await first.stop();

      const second = await open();
      const seen: unknown[] = [];
      second.define(name, async (payload, run) => void seen.push([run.id, payload]), policy());
      await second.start();
      await waitFor(() => seen.length === 1, 'the job on the new queue');
      expect(ranEarly).toBe(0);
      expect(seen).toEqual([[id, { notice: 'Karaganda' }]]);
    });

    it('lets running handlers finish when stopped', async () => {
      const queue = await open();
      const name = uniqueName();
      let started = false;
      let finished = false;
      queue.define(
        name,
        async () => {
          started = true;
          await sleep(300);
          finished = true;
        },
        policy(),
      );
      await queue.start();
      await queue.enqueue(name, {});
      await waitFor(() => started, 'the handler to start');
      await queue.stop();
      expect(finished).toBe(true);

      const after = await open();
      after.define(name, async () => undefined, policy());
      expect(await completed(after, name)).toBe(1);
    });

    it('refuses jobs nobody defined and ids the adapters cannot share', async () => {
      const queue = await open();
      const name = uniqueName();
      queue.define(name, async () => undefined, policy());
      await expect(queue.enqueue('t.undefined', {})).rejects.toThrow(/not defined/);
      await expect(queue.enqueue(name, {}, { jobId: 'a:b' })).rejects.toThrow(/job id/);
      await expect(queue.enqueue(name, {}, { jobId: '42' })).rejects.toThrow(/job id/);
      expect(() => queue.define(name, async () => undefined, policy())).toThrow(/already defined/);
    });
  });
}
