import { settingRepository } from '../store/audit.repository.js';
import { migrateToLatest } from '../store/migrate.js';
import { holdServingLock, withStartupLock } from '../store/startup-lock.js';
import { ensureFirstAdmin, type FirstAdmin } from './bootstrap.service.js';
import type { AppContext } from './context.js';
import { loadDemoData } from './demo.service.js';
import { ensureCoreCapabilities } from './planning/capabilities.service.js';

export interface StartedUp {
  /** Set in exactly one process: the one that created the administrator, to print the password once. */
  firstAdmin: FirstAdmin | null;
  /** Lets go of the mark that a server uses the database (`dabyl restore` refuses while it is held). */
  release(): Promise<void>;
}

/**
 * What a server does to its database before it listens: migrate, create the first administrator on
 * the very first start, add the core capabilities, load the demo data once. Under the start-up lock,
 * so several processes started at once on an empty database do it once: the others wait, then find
 * it done.
 */
export async function startUp(ctx: AppContext): Promise<StartedUp> {
  const serving = await holdServingLock(ctx.db);
  try {
    const firstAdmin = await withStartupLock(ctx.db, async () => {
      await migrateToLatest(ctx.db);
      const admin = await ensureFirstAdmin(ctx);
      await ensureCoreCapabilities(ctx);
      if (ctx.config.demoData && !(await settingRepository.get(ctx.db.kysely, 'demo.version')))
        await loadDemoData(ctx);
      return admin;
    });
    return { firstAdmin, release: serving.release };
  } catch (err) {
    await serving.release();
    throw err;
  }
}
