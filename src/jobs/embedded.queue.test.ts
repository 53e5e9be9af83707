import { describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../store/db.js';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { EmbeddedJobQueue } from './embedded.queue.js';
import { jobQueueContract } from './testing/queue.contract.js';

/**
 * Every queue instance gets its own connection to the one database, as separate processes would:
 * on SQLite a second handle on the same file, on PostgreSQL a second pool on the same schema.
 */
for (const engine of ENGINES) {
  jobQueueContract(`embedded queue on ${engine}`, async () => {
    const runtime = await openTestRuntime(engine);
    const { config } = runtime.ctx;
    const handles: Db[] = [];
    return {
      open: async () => {
        const db = openDb({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          poolSize: config.databasePoolSize,
          ...(runtime.ctx.db.schema ? { schema: runtime.ctx.db.schema } : {}),
        });
        handles.push(db);
        return new EmbeddedJobQueue(db, { pollMs: 50 });
      },
      close: async () => {
        await Promise.all(handles.map((db) => db.close()));
        await runtime.drop();
      },
    };
  });
}

describe('embedded queue after a crash', () => {
  it('runs again a job whose holder died, once its lease has run out', async () => {
    const runtime = await openTestRuntime('sqlite');
    const queue = new EmbeddedJobQueue(runtime.ctx.db, { pollMs: 50 });
    try {
      const attempts: number[] = [];
      queue.define('t.crashed', async (_p, run) => void attempts.push(run.attempt), {
        attempts: 3,
        backoff: { type: 'fixed', delayMs: 0 },
        concurrency: 1,
      });
      const id = await queue.enqueue('t.crashed', {});
      // What a process that claimed the job and then died leaves behind.
      await runtime.ctx.db.kysely
        .updateTable('jobs')
        .set({
          status: 'active',
          attempts: 1,
          locked_by: 'dead-process',
          locked_until: '2000-01-01T00:00:00.000Z',
        })
        .where('id', '=', id)
        .execute();
      await queue.start();
      await vi.waitFor(() => expect(attempts).toEqual([2]), { timeout: 20_000, interval: 20 });
    } finally {
      await queue.stop();
      await runtime.drop();
    }
  });

  it('dead-letters a job whose holder died during its last attempt instead of running it again', async () => {
    const runtime = await openTestRuntime('sqlite');
    const queue = new EmbeddedJobQueue(runtime.ctx.db, { pollMs: 50 });
    try {
      let runs = 0;
      queue.define('t.crashloop', async () => void runs++, {
        attempts: 2,
        backoff: { type: 'fixed', delayMs: 0 },
        concurrency: 1,
      });
      const id = await queue.enqueue('t.crashloop', {});
      await runtime.ctx.db.kysely
        .updateTable('jobs')
        .set({
          status: 'active',
          attempts: 2,
          locked_by: 'dead-process',
          locked_until: '2000-01-01T00:00:00.000Z',
        })
        .where('id', '=', id)
        .execute();
      await queue.start();
      await vi.waitFor(async () => expect(await queue.failed('t.crashloop')).toHaveLength(1), {
        timeout: 20_000,
        interval: 20,
      });
      expect(runs).toBe(0);
      expect(await queue.retry(id)).toBe(true);
      await vi.waitFor(() => expect(runs).toBe(1), { timeout: 20_000, interval: 20 });
    } finally {
      await queue.stop();
      await runtime.drop();
    }
  });
});
