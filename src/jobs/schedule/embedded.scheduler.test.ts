import { openDb, type Db } from '../../store/db.js';
import { ENGINES, openTestRuntime } from '../../../test/support/engines.js';
import { EmbeddedScheduler } from './embedded.scheduler.js';
import { schedulerContract } from './testing/scheduler.contract.js';

/**
 * On PostgreSQL every scheduler gets a pool of its own on the one schema, as separate processes
 * would. SQLite is served by one process through one handle (better-sqlite3 waits for a lock
 * synchronously, so a second handle in the same process would stall the very transaction it waits
 * for): there the schedulers share the application's handle, and still race for every claim.
 */
for (const engine of ENGINES) {
  schedulerContract(`embedded scheduler on ${engine}`, async () => {
    const runtime = await openTestRuntime(engine);
    const { config } = runtime.ctx;
    const handles: Db[] = [];
    const closeHandles = async () => {
      await Promise.all(handles.splice(0).map((db) => db.close()));
    };
    return {
      db: runtime.ctx.db,
      open: async (options) => {
        if (engine === 'sqlite') return new EmbeddedScheduler(runtime.ctx.db, { pollMs: 100, ...options });
        const db = openDb({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          poolSize: config.databasePoolSize,
          ...(runtime.ctx.db.schema ? { schema: runtime.ctx.db.schema } : {}),
        });
        handles.push(db);
        return new EmbeddedScheduler(db, { pollMs: 100, ...options });
      },
      release: closeHandles,
      close: async () => {
        await closeHandles();
        await runtime.drop();
      },
    };
  });
}
