import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testRedisUrl } from '../../test/setup/engines.js';
import { loadConfig } from '../config/config.js';
import { startServer, type ServeRole, type Server } from '../runtime.js';
import { bookWake, readWake, type Wake } from './schedule/scheduler.js';
import { purgeJobId, SESSIONS_PURGE } from './sessions-purge.job.js';
import { deleteRedisPrefix, testPrefix } from './testing/redis.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(role: ServeRole, redis?: { prefix: string }): Promise<Server> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-jobs-'));
  const config = loadConfig({
    DABYL_PORT: '0',
    DABYL_HOST: '127.0.0.1',
    DABYL_DATA_DIR: dataDir,
    DABYL_DEMO_DATA: 'false',
    DABYL_LOG_LEVEL: 'silent',
    ...(redis ? { DABYL_REDIS_URL: testRedisUrl() } : {}),
  });
  const server = await startServer(config, {
    logger: false,
    role,
    ...(redis ? { jobPrefix: redis.prefix } : {}),
  });
  cleanups.push(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return server;
}

const purgeCounts = async (server: Server) => (await server.jobs.stats())[SESSIONS_PURGE];

// Each test starts a server on a fresh database (migrations, the first administrator, its keys):
// 12–17 s alone on a quiet machine, past 30 s in a loaded clean-clone CI.
describe('dabyl serve and its jobs', { timeout: 90_000 }, () => {
  it('runs the built-in jobs in one process (role all, embedded queue)', async () => {
    const server = await serve('all');
    expect(server.jobs.kind).toBe('embedded');
    await vi.waitFor(
      async () => expect(await purgeCounts(server)).toMatchObject({ completed: 1, delayed: 1 }),
      {
        timeout: 20_000,
        interval: 50,
      },
    );
  });

  it('neither schedules nor runs jobs with --role api, though it can enqueue them', async () => {
    const server = await serve('api');
    await server.jobs.enqueue(SESSIONS_PURGE, {}, { jobId: purgeJobId(new Date()) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await purgeCounts(server)).toMatchObject({ waiting: 1, active: 0, completed: 0 });
  });

  it('runs the built-in jobs on BullMQ when DABYL_REDIS_URL is set', async () => {
    const prefix = testPrefix();
    cleanups.push(() => deleteRedisPrefix(prefix));
    const server = await serve('worker', { prefix });
    expect(server.jobs.kind).toBe('bullmq');
    await vi.waitFor(
      async () => expect(await purgeCounts(server)).toMatchObject({ completed: 1, delayed: 1 }),
      {
        timeout: 20_000,
        interval: 50,
      },
    );
  });

  it('wakes booked wakes where jobs run, embedded or on BullMQ, and not in the api role', async () => {
    const prefix = testPrefix();
    cleanups.push(() => deleteRedisPrefix(prefix));
    const servers = {
      all: await serve('all'),
      api: await serve('api'),
      worker: await serve('worker', { prefix }),
    };
    expect([servers.all.scheduler.kind, servers.worker.scheduler.kind]).toEqual(['embedded', 'bullmq']);
    const woken: Record<string, Wake[]> = { all: [], api: [], worker: [] };
    for (const [role, server] of Object.entries(servers)) {
      server.scheduler.handle('t.serve', async (wake) => void woken[role]?.push(wake));
      await server.runtime.ctx.db.kysely
        .transaction()
        .execute((trx) => bookWake(trx, { topic: 't.serve', key: role, at: new Date(), payload: { role } }));
    }
    await vi.waitFor(() => expect([woken.all?.length, woken.worker?.length]).toEqual([1, 1]), {
      timeout: 20_000,
      interval: 20,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(woken.api).toEqual([]);
    expect((await readWake(servers.api.runtime.ctx.db.kysely, 't.serve', 'api'))?.status).toBe('pending');
    expect(woken.worker?.[0]).toMatchObject({ key: 'worker', payload: { role: 'worker' } });
    // Three servers each migrate a database of their own first: on a loaded two-core machine that
    // alone has taken more than the default 30 s; the wait for the wakes stays bounded above.
  }, 90_000);
});
