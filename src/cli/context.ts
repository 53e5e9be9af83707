import { sql } from 'kysely';
import { loadConfig } from '../config/config.js';
import { openRuntime } from '../runtime.js';
import type { AppContext } from '../services/context.js';
import { migrateToLatest } from '../store/migrate.js';
import { withStartupLock } from '../store/startup-lock.js';
import { CLI_WORDS } from './cli.texts.js';
import { CliFailure, cliLanguage, EXIT } from './output.js';

/**
 * Runs a command against the configured database (migrated first), closing it afterwards. A
 * database that cannot be reached is one line naming it and exit 69, not a stack trace.
 */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig(), { migrate: false });
  try {
    try {
      await sql`select 1`.execute(runtime.ctx.db.kysely);
    } catch (err) {
      throw new CliFailure(
        CLI_WORDS[cliLanguage(process.env) ?? 'en'].unreachable(
          runtime.ctx.db.location,
          (err as Error).message,
        ),
        EXIT.unavailable,
      );
    }
    // Under the start-up lock, so a command run while servers start never migrates beside them.
    await withStartupLock(runtime.ctx.db, () => migrateToLatest(runtime.ctx.db));
    return await fn(runtime.ctx);
  } finally {
    await runtime.close();
  }
}

/** The CLI acts as the local operator: audit entries name the OS user running it. */
export const cliActor = () => ({ userId: null, name: `cli:${process.env.USER ?? 'unknown'}` });
