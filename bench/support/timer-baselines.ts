/**
 * The baselines of the inject-timing benchmark: a bare setTimeout per inject, and a BullMQ delayed
 * job per inject, each to the same wall instants; lateness is when the callback (or the job's
 * processor) runs minus the instant it was meant for, the way the injects' is measured.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { deleteRedisPrefix } from '../../src/jobs/testing/redis.js';

/** One setTimeout per instant; resolves with each lateness once all have run. */
export function rawTimers(times: readonly number[]): Promise<number[]> {
  const lateness: number[] = [];
  return new Promise((done) => {
    for (const at of times)
      setTimeout(() => {
        lateness.push(Date.now() - at);
        if (lateness.length === times.length) done(lateness);
      }, at - Date.now());
  });
}

/** How long creating `n` timers holds the event loop (one synchronous loop), in ms; they are cleared. */
export function rawTimersCost(n: number, aheadMs = 3_600_000): number {
  const start = performance.now();
  const timers: NodeJS.Timeout[] = [];
  for (let i = 0; i < n; i++) timers.push(setTimeout(() => undefined, aheadMs + i));
  const cost = performance.now() - start;
  for (const t of timers) clearTimeout(t);
  return cost;
}

/**
 * One BullMQ delayed job per instant, added in bulk ahead of time, run by a worker in this process
 * with as many jobs at once as our scheduler runs wakes (32). The key prefix is the run's own and
 * every key under it is deleted afterwards.
 */
export async function bullmqDelayed(redisUrl: string, times: readonly number[]): Promise<number[]> {
  const prefix = `dabyl-bench-${randomBytes(6).toString('hex')}`;
  const url = new URL(redisUrl);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const queue = new Queue('bench-inject', { connection, prefix });
  const lateness: number[] = [];
  let finished: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finished = resolve));
  const worker = new Worker<{ at: number }>(
    'bench-inject',
    async (job) => {
      lateness.push(Date.now() - job.data.at);
      if (lateness.length === times.length) finished();
    },
    { connection, prefix, concurrency: 32 },
  );
  try {
    await worker.waitUntilReady();
    for (let i = 0; i < times.length; i += 1000) {
      const now = Date.now();
      await queue.addBulk(
        times.slice(i, i + 1000).map((at, k) => ({
          name: 'inject',
          data: { at },
          opts: { delay: Math.max(0, at - now), jobId: `i${i + k}`, removeOnComplete: true },
        })),
      );
    }
    await all;
    return lateness;
  } finally {
    await worker.close();
    await queue.close();
    await deleteRedisPrefix(prefix);
  }
}
