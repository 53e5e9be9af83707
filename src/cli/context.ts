import { loadConfig } from '../config/config.js';
import { openRuntime } from '../runtime.js';
import type { AppContext } from '../services/context.js';

/** Runs a command against the configured database (migrated first), closing it afterwards. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig());
  try {
    return await fn(runtime.ctx);
  } finally {
    await runtime.close();
  }
}

/** The CLI acts as the local operator: audit entries name the OS user running it. */
export const cliActor = () => ({ userId: null, name: `cli:${process.env.USER ?? 'unknown'}` });
