import { openDb, type Db } from '../../store/db.js';
import { testRedisUrl } from '../../../test/setup/engines.js';
import { openTestRuntime } from '../../../test/support/engines.js';
import { deleteRedisPrefix, testPrefix } from '../testing/redis.js';
import { BullScheduler } from './bullmq.scheduler.js';
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
